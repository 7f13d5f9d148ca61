/**
 * Detects the Vector API once ({@link io.github.simdconv.simd.Simd}) so that the rest of the
 * library loads vector kernels only when they can run, and falls back to scalar code otherwise.
 */
package io.github.simdconv.simd;
