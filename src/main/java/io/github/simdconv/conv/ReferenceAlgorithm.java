package io.github.simdconv.conv;

import io.github.simdconv.reference.ReferenceConv;
import io.github.simdconv.spec.ConvSpec;

/**
 * The naive reference as a registered algorithm ({@code "reference"}): supports every spec,
 * single-threaded, slow. First in the registry so the harness always has an oracle.
 */
public final class ReferenceAlgorithm implements ConvAlgorithm {
    /** The singleton. */
    public static final ReferenceAlgorithm INSTANCE = new ReferenceAlgorithm();

    private ReferenceAlgorithm() {}

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public Support supports(ConvSpec spec) {
        return Support.yes();
    }

    @Override
    public ConvPlan plan(ConvSpec spec, float[] weights, float[] bias, int threads) {
        ConvArgs.checkPlan(this, spec, weights, bias, threads);
        float[] w = weights.clone();
        float[] b = bias == null ? null : bias.clone();
        return new ConvPlan() {
            @Override
            public ConvSpec spec() {
                return spec;
            }

            @Override
            public String algorithm() {
                return "reference";
            }

            @Override
            public void execute(float[] input, int inOff, float[] output, int outOff) {
                ConvArgs.checkExecute(spec, input, inOff, output, outOff);
                ReferenceConv.conv2d(spec, input, inOff, w, b, output, outOff);
            }
        };
    }
}
