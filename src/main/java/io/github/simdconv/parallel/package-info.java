/**
 * Fork-join loops over a fixed thread team ({@link io.github.simdconv.parallel.WorkerPool}) with a
 * static, deterministic partition and no allocation per call.
 */
package io.github.simdconv.parallel;
