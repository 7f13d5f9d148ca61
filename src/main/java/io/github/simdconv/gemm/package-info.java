/**
 * Packed, cache-blocked single-precision matrix multiplication (SGEMM) with a register-blocked
 * Vector API micro-kernel, usable on its own and by the convolution algorithms.
 *
 * <ul>
 *   <li>{@link io.github.simdconv.gemm.Sgemm}: the BLAS-like {@code C = alpha*op(A)*op(B) + beta*C},
 *       row-major, multi-threaded, buffers reused between calls.</li>
 *   <li>{@link io.github.simdconv.gemm.PackedA} + {@link io.github.simdconv.gemm.Gemm#multiply}:
 *       the low-level entry other algorithms build on: pack a constant left operand once (e.g.
 *       convolution weights), then multiply it by any right operand on one thread with a fused
 *       bias/ReLU write-back, using a {@link io.github.simdconv.gemm.GemmWorkspace} allocated once.</li>
 * </ul>
 *
 * <p>The blocking (the loops, the packed layouts and the cache-derived block sizes) is explained
 * in {@link io.github.simdconv.gemm.Gemm}.
 */
package io.github.simdconv.gemm;
