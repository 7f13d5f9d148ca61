/**
 * Pooling algorithms behind one seam ({@link io.github.simdconv.pool.PoolAlgorithm},
 * {@link io.github.simdconv.pool.PoolPlan}) and their registry
 * ({@link io.github.simdconv.pool.PoolAlgorithms}).
 */
package io.github.simdconv.pool;
