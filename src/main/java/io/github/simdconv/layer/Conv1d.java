package io.github.simdconv.layer;

import io.github.simdconv.spec.Conv1dSpec;
import io.github.simdconv.spec.ConvSpec;

/**
 * A 1D convolution layer (PyTorch {@code nn.Conv1d}) on the 2D algorithms with height 1: input
 * tensors are {@code [N, C, 1, L]}, weights {@code [outChannels][inChannels/groups][kernel]}
 * (the OIHW layout with H = 1). The {@link Conv1dSpec} is a template: its batch and length are
 * replaced by each input's.
 */
public final class Conv1d extends AbstractLayer {
    private final Conv1dSpec template;
    private final Conv2d conv;

    /**
     * @param spec the template geometry
     * @param weights {@code outChannels * inChannels/groups * kernel} floats (copied)
     * @param bias {@code outChannels} floats if {@code spec.hasBias()}, else null (copied)
     */
    public Conv1d(Conv1dSpec spec, float[] weights, float[] bias) {
        this(spec, weights, bias, AlgorithmChoice.AUTO);
    }

    /**
     * @param spec the template geometry
     * @param weights {@code outChannels * inChannels/groups * kernel} floats (copied)
     * @param bias {@code outChannels} floats if {@code spec.hasBias()}, else null (copied)
     * @param algorithm how the algorithm is chosen
     */
    public Conv1d(Conv1dSpec spec, float[] weights, float[] bias, AlgorithmChoice algorithm) {
        if (spec == null) {
            throw new IllegalArgumentException("spec is null");
        }
        ConvSpec s2 = spec.toConv2d();
        if (weights != null && weights.length != s2.weightSize()) {
            throw new IllegalArgumentException("weights.length = " + weights.length
                    + ": must be outChannels*inChannels/groups*kernel = " + spec.outChannels() + "*"
                    + s2.inChannelsPerGroup() + "*" + spec.kernel() + " = " + s2.weightSize());
        }
        this.template = spec;
        this.conv = new Conv2d(s2, weights, bias, algorithm);
    }

    /** @return the template geometry */
    public Conv1dSpec template() {
        return template;
    }

    /** @return a copy of the weights {@code [outChannels][inChannels/groups][kernel]} */
    public float[] weights() {
        return conv.weights();
    }

    /** @return a copy of the bias, or null */
    public float[] bias() {
        return conv.bias();
    }

    /**
     * @param input an input shape {@code [N, C, 1, L]}
     * @return the registered algorithm this layer runs on it
     */
    public String algorithmFor(Shape input) {
        checkHeight(input);
        return conv.algorithmFor(input);
    }

    private void checkHeight(Shape input) {
        if (input == null) {
            throw new IllegalArgumentException("input shape is null");
        }
        if (input.height() != 1) {
            throw new IllegalArgumentException("Conv1d: input shape " + input + " has height " + input.height()
                    + ": must be 1 (1D signals are [N, C, 1, L] tensors)");
        }
    }

    @Override
    public Shape outputShape(Shape input) {
        checkHeight(input);
        return conv.outputShape(input);
    }

    @Override
    public LayerPlan plan(Shape input, int threads) {
        checkHeight(input);
        LayerPlan p = conv.plan(input, threads);
        return new BasePlan(input, p.outputShape()) {
            @Override
            public void run(float[] in, int inOff, float[] out, int outOff) {
                p.run(in, inOff, out, outOff);
            }

            @Override
            public String describe() {
                return "Conv1d:" + p.describe();
            }
        };
    }

    @Override
    public String toString() {
        return "Conv1d" + conv.toString().substring("Conv2d".length());
    }
}
