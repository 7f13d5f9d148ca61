/**
 * Convolution algorithms behind one seam: {@link io.github.simdconv.conv.ConvAlgorithm} makes a
 * {@link io.github.simdconv.conv.ConvPlan} (weights packed once), whose {@code execute} is the hot
 * path; {@link io.github.simdconv.conv.ConvAlgorithms} is the registry everything iterates.
 */
package io.github.simdconv.conv;
