package io.github.simdconv.conv;

import io.github.simdconv.spec.ConvSpec;

/**
 * One way to compute a 2D convolution. Implementations are stateless singletons registered in
 * {@link ConvAlgorithms}; the tests, benchmarks and layers iterate that registry.
 */
public interface ConvAlgorithm {
    /** {@return a short, stable name (e.g. {@code "reference"}, {@code "im2col"})} */
    String name();

    /**
     * @param spec a geometry
     * @return whether {@link #plan} accepts it, and if not the rule it breaks
     */
    Support supports(ConvSpec spec);

    /**
     * Prepares the convolution: validates, packs or transforms the weights, sizes scratch memory.
     *
     * @param spec the geometry
     * @param weights OIHW weights, exactly {@code spec.weightSize()} floats (copied, not kept)
     * @param bias {@code spec.outChannels()} floats if {@code spec.hasBias()}, else null (copied)
     * @param threads worker threads to use in {@code execute}, {@code >= 1}
     * @return the plan
     * @throws IllegalArgumentException if the spec is not supported (saying why) or an argument is invalid
     */
    ConvPlan plan(ConvSpec spec, float[] weights, float[] bias, int threads);
}
