/**
 * Immutable, validated geometry of convolutions and poolings ({@link io.github.simdconv.spec.ConvSpec},
 * {@link io.github.simdconv.spec.Conv1dSpec}, {@link io.github.simdconv.spec.PoolSpec}) with their
 * output sizes and operation counts. Depends on nothing.
 */
package io.github.simdconv.spec;
