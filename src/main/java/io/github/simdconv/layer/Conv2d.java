package io.github.simdconv.layer;

import io.github.simdconv.conv.Border;
import io.github.simdconv.conv.ConvAlgorithm;
import io.github.simdconv.conv.ConvAlgorithms;
import io.github.simdconv.conv.ConvPlan;
import io.github.simdconv.spec.ConvSpec;

/**
 * A 2D convolution layer (PyTorch {@code nn.Conv2d}, ONNX {@code Conv}): NCHW input, OIHW
 * weights, optional bias, fused activation, on the algorithm its {@link AlgorithmChoice} picks
 * for each input shape.
 *
 * <p>Build one with {@link #builder(int, int, int)}, or from a {@link ConvSpec}, which is a template: its channels, kernel, stride,
 * padding, dilation, groups, bias flag and activation are the layer's; its batch and input size
 * are replaced by each input's. Weights and bias are copied; non-finite values are allowed and
 * propagate as IEEE arithmetic says.
 */
public final class Conv2d extends AbstractLayer {
    private final ConvSpec template;
    private final float[] weights;
    private final float[] bias;
    private final AlgorithmChoice choice;

    /**
     * A layer whose algorithm is chosen by {@link AlgorithmChoice#AUTO}.
     *
     * @param spec the template geometry (batch and input size are taken from each input)
     * @param weights OIHW weights, {@code spec.weightSize()} floats (copied)
     * @param bias {@code spec.outChannels()} floats if {@code spec.hasBias()}, else null (copied)
     */
    public Conv2d(ConvSpec spec, float[] weights, float[] bias) {
        this(spec, weights, bias, AlgorithmChoice.AUTO);
    }

    /**
     * @param spec the template geometry (batch and input size are taken from each input)
     * @param weights OIHW weights, {@code spec.weightSize()} floats (copied)
     * @param bias {@code spec.outChannels()} floats if {@code spec.hasBias()}, else null (copied)
     * @param algorithm how the algorithm is chosen
     * @throws IllegalArgumentException on a null argument, a weight or bias array of the wrong
     *     length, or an unknown algorithm name
     */
    public Conv2d(ConvSpec spec, float[] weights, float[] bias, AlgorithmChoice algorithm) {
        if (spec == null) {
            throw new IllegalArgumentException("spec is null");
        }
        if (algorithm == null) {
            throw new IllegalArgumentException("algorithm is null: use AlgorithmChoice.AUTO");
        }
        checkWeights(spec, weights, bias);
        this.template = spec;
        this.weights = weights.clone();
        this.bias = bias == null ? null : bias.clone();
        this.choice = algorithm;
        if (algorithm.name() != null) {
            ConvAlgorithms.byName(algorithm.name()); // unknown names fail now; support is checked per input shape
        }
    }

    static void checkWeights(ConvSpec spec, float[] weights, float[] bias) {
        if (weights == null) {
            throw new IllegalArgumentException("weights is null: " + spec.weightSize() + " floats (OIHW) are required");
        }
        if (weights.length != spec.weightSize()) {
            throw new IllegalArgumentException("weights.length = " + weights.length
                    + ": must be outChannels*inChannels/groups*kernelH*kernelW = " + spec.outChannels() + "*"
                    + spec.inChannelsPerGroup() + "*" + spec.kernelH() + "*" + spec.kernelW() + " = "
                    + spec.weightSize());
        }
        if (spec.hasBias()) {
            if (bias == null || bias.length != spec.outChannels()) {
                throw new IllegalArgumentException("bias.length = " + (bias == null ? "null" : bias.length)
                        + ": must be outChannels = " + spec.outChannels() + " since spec.hasBias()");
            }
        } else if (bias != null) {
            throw new IllegalArgumentException("bias.length = " + bias.length
                    + ": must be null since spec.hasBias() is false (build the spec with bias(true))");
        }
    }

    /** {@return the template geometry} */
    public ConvSpec template() {
        return template;
    }

    /** {@return a copy of the OIHW weights} */
    public float[] weights() {
        return weights.clone();
    }

    /** {@return a copy of the bias, or null} */
    public float[] bias() {
        return bias == null ? null : bias.clone();
    }

    /**
     * The algorithm this layer runs on an input shape (for {@code MEASURE} this may time the
     * candidates, once per geometry).
     *
     * @param input an input shape
     * @return the registered algorithm's name
     */
    public String algorithmFor(Shape input) {
        return Choosers.conv(choice, specFor(input), weights, bias, threads(), "Conv2d").name();
    }

    /** {@return the algorithm choice} */
    public AlgorithmChoice algorithm() {
        return choice;
    }

    /**
     * @param input an input shape
     * @return the geometry this layer computes on it
     * @throws IllegalArgumentException if the channel count differs or the image is too small
     */
    public ConvSpec specFor(Shape input) {
        if (input == null) {
            throw new IllegalArgumentException("input shape is null");
        }
        if (input.channels() != template.inChannels()) {
            throw new IllegalArgumentException("Conv2d: input shape " + input + " has " + input.channels()
                    + " channels: must be inChannels = " + template.inChannels());
        }
        try {
            return template.toBuilder().batch(input.batch()).input(input.height(), input.width()).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Conv2d: input shape " + input + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Shape outputShape(Shape input) {
        ConvSpec s = specFor(input);
        Choosers.checkConv(choice, s, "Conv2d");
        return Shape.of(s.batch(), s.outChannels(), s.outHeight(), s.outWidth());
    }

    @Override
    public LayerPlan plan(Shape input, int threads) {
        ConvSpec s = specFor(input);
        ConvAlgorithm a = Choosers.conv(choice, s, weights, bias, threads, "Conv2d");
        ConvPlan p = a.plan(s, weights, bias, threads);
        Shape out = Shape.of(s.batch(), s.outChannels(), s.outHeight(), s.outWidth());
        return new BasePlan(input, out) {
            @Override
            public void run(float[] in, int inOff, float[] o, int outOff) {
                check(in, inOff, o, outOff);
                p.execute(in, inOff, o, outOff);
            }

            @Override
            public Border inputBorder() {
                return p.inputBorder();
            }

            @Override
            public boolean writesBorder() {
                return p.writesBorder();
            }

            @Override
            public void run(float[] in, int inOff, Border inBorder, float[] o, int outOff, Border outBorder) {
                p.execute(in, inOff, inBorder, o, outOff, outBorder);
            }

            @Override
            public String describe() {
                return "Conv2d[" + p.algorithm() + "] " + s;
            }
        };
    }

    /**
     * A builder that needs no input size (it is taken from each input): e.g.
     * {@code Conv2d.builder(3, 16, 3).padding(1).bias(true).activation(Activation.RELU).build(w, b)}.
     *
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernel square kernel size
     * @return the builder (stride 1, no padding, dilation 1, one group, no bias, no activation, AUTO)
     */
    public static Builder builder(int inChannels, int outChannels, int kernel) {
        return new Builder(inChannels, outChannels, kernel);
    }

    /** Builds a {@link Conv2d} without an input size; {@link #build} validates. */
    public static final class Builder {
        private final ConvSpec.Builder spec = ConvSpec.builder();
        private int kernelH;
        private int kernelW;
        private int padTop;
        private int padBottom;
        private int padLeft;
        private int padRight;
        private int dilationH = 1;
        private int dilationW = 1;
        private AlgorithmChoice algorithm = AlgorithmChoice.AUTO;

        private Builder(int inChannels, int outChannels, int kernel) {
            spec.inChannels(inChannels).outChannels(outChannels);
            kernel(kernel, kernel);
        }

        /**
         * Sets the kernel height and the kernel width.
         * @param kh kernel height
         * @param kw kernel width
         * @return this builder
         */
        public Builder kernel(int kh, int kw) {
            kernelH = kh;
            kernelW = kw;
            spec.kernel(kh, kw);
            return this;
        }

        /**
         * Sets the stride on both axes.
         * @param s stride on both axes
         * @return this builder
         */
        public Builder stride(int s) {
            spec.stride(s);
            return this;
        }

        /**
         * Sets the vertical stride and the horizontal stride.
         * @param sh vertical stride
         * @param sw horizontal stride
         * @return this builder
         */
        public Builder stride(int sh, int sw) {
            spec.stride(sh, sw);
            return this;
        }

        /**
         * Sets the zero padding on all four sides.
         * @param p zero padding on all four sides
         * @return this builder
         */
        public Builder padding(int p) {
            return padding(p, p, p, p);
        }

        /**
         * Sets asymmetric zero padding.
         * @param top rows above
         * @param bottom rows below
         * @param left columns left
         * @param right columns right
         * @return this builder
         */
        public Builder padding(int top, int bottom, int left, int right) {
            padTop = top;
            padBottom = bottom;
            padLeft = left;
            padRight = right;
            spec.padding(top, bottom, left, right);
            return this;
        }

        /**
         * Sets the dilation on both axes.
         * @param d dilation on both axes
         * @return this builder
         */
        public Builder dilation(int d) {
            dilationH = d;
            dilationW = d;
            spec.dilation(d);
            return this;
        }

        /**
         * Sets the channel groups.
         * @param g channel groups
         * @return this builder
         */
        public Builder groups(int g) {
            spec.groups(g);
            return this;
        }

        /**
         * Sets the whether a bias is added.
         * @param b whether a bias is added
         * @return this builder
         */
        public Builder bias(boolean b) {
            spec.bias(b);
            return this;
        }

        /**
         * Sets the activation fused after the bias.
         * @param a activation fused after the bias
         * @return this builder
         */
        public Builder activation(io.github.simdconv.spec.Activation a) {
            spec.activation(a);
            return this;
        }

        /**
         * Sets the how the algorithm is chosen.
         * @param a how the algorithm is chosen
         * @return this builder
         */
        public Builder algorithm(AlgorithmChoice a) {
            algorithm = a;
            return this;
        }

        /** {@return the template spec (its input size is the smallest that gives an output)} */
        public ConvSpec spec() {
            long h = Math.max(1L, (long) dilationH * (kernelH - 1) + 1 - padTop - padBottom);
            long w = Math.max(1L, (long) dilationW * (kernelW - 1) + 1 - padLeft - padRight);
            return spec.input((int) Math.min(h, Integer.MAX_VALUE), (int) Math.min(w, Integer.MAX_VALUE)).build();
        }

        /**
         * @param weights OIHW weights (copied)
         * @param bias bias when {@code bias(true)}, else null (copied)
         * @return the layer
         */
        public Conv2d build(float[] weights, float[] bias) {
            return new Conv2d(spec(), weights, bias, algorithm);
        }
    }

    @Override
    public String toString() {
        return "Conv2d(" + template.inChannels() + " -> " + template.outChannels() + ", k=" + template.kernelH()
                + "x" + template.kernelW() + ", " + choice + ")";
    }
}
