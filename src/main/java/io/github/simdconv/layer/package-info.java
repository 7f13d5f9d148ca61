/**
 * The thin layer abstraction a JVM ML developer touches: {@link io.github.simdconv.layer.Tensor}
 * (NCHW float32), {@link io.github.simdconv.layer.Layer}s ({@code Conv2d}, {@code Conv1d},
 * pooling, {@code ReLU}, {@code Flatten}, {@code Linear}, {@code Residual}) and
 * {@link io.github.simdconv.layer.Sequential}. Layers choose their algorithm
 * ({@link io.github.simdconv.layer.AlgorithmChoice}), plan once per input shape and reuse the plan,
 * so a forward pass allocates nothing after the first call on a thread.
 */
package io.github.simdconv.layer;
