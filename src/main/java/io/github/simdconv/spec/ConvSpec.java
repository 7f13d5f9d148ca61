package io.github.simdconv.spec;

import static io.github.simdconv.spec.Checks.nonNegative;
import static io.github.simdconv.spec.Checks.positive;
import static io.github.simdconv.spec.Checks.product;

import java.util.Objects;

/**
 * The complete geometry of one 2D convolution: input dimensions, channels, kernel, stride,
 * asymmetric padding, dilation, groups, bias and fused activation. Immutable and validated at
 * construction; build one with {@link #builder()}.
 *
 * <p>Semantics follow PyTorch's {@code nn.Conv2d} and ONNX {@code Conv} (which agree): input
 * NCHW, weights OIHW with shape {@code [outChannels][inChannels/groups][kernelH][kernelW]},
 * output NCHW with
 * <pre>
 *   outHeight = floor((inHeight + padTop + padBottom - dilationH*(kernelH-1) - 1) / strideH) + 1
 *   out[n][k][y][x] = bias[k] + sum_{c,i,j} in[n][g*C/G + c][y*sH - padTop + i*dH][x*sW - padLeft + j*dW]
 *                                        * w[k][c][i][j]        (g = k / (K/G), padding reads 0)
 * </pre>
 * followed by the {@link Activation}. Asymmetric padding is ONNX's {@code pads}; PyTorch only
 * pads symmetrically (or via a separate {@code F.pad}).
 *
 * @param batch images per call (N)
 * @param inChannels input channels (C)
 * @param inHeight input height (H)
 * @param inWidth input width (W)
 * @param outChannels output channels (K)
 * @param kernelH kernel height (R)
 * @param kernelW kernel width (S)
 * @param strideH vertical stride
 * @param strideW horizontal stride
 * @param padTop zero rows added above
 * @param padBottom zero rows added below
 * @param padLeft zero columns added left
 * @param padRight zero columns added right
 * @param dilationH vertical distance between kernel taps
 * @param dilationW horizontal distance between kernel taps
 * @param groups channel groups; {@code groups == inChannels} is depthwise
 * @param hasBias whether a bias of length {@code outChannels} is added
 * @param activation the activation fused after the bias
 */
public record ConvSpec(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
        int kernelH, int kernelW, int strideH, int strideW,
        int padTop, int padBottom, int padLeft, int padRight,
        int dilationH, int dilationW, int groups, boolean hasBias, Activation activation) {

    /** Validates every field; see the class documentation for the rules. */
    public ConvSpec {
        positive("batch", batch);
        positive("inChannels", inChannels);
        positive("inHeight", inHeight);
        positive("inWidth", inWidth);
        positive("outChannels", outChannels);
        positive("kernelH", kernelH);
        positive("kernelW", kernelW);
        positive("strideH", strideH);
        positive("strideW", strideW);
        nonNegative("padTop", padTop);
        nonNegative("padBottom", padBottom);
        nonNegative("padLeft", padLeft);
        nonNegative("padRight", padRight);
        positive("dilationH", dilationH);
        positive("dilationW", dilationW);
        positive("groups", groups);
        Objects.requireNonNull(activation, "activation");
        if (inChannels % groups != 0) {
            throw new IllegalArgumentException("inChannels = " + inChannels
                    + ": must be divisible by groups = " + groups);
        }
        if (outChannels % groups != 0) {
            throw new IllegalArgumentException("outChannels = " + outChannels
                    + ": must be divisible by groups = " + groups);
        }
        checkOutput("height", inHeight, padTop, padBottom, kernelH, strideH, dilationH);
        checkOutput("width", inWidth, padLeft, padRight, kernelW, strideW, dilationW);
        product("input size (batch*inChannels*inHeight*inWidth)", batch, inChannels, inHeight, inWidth);
        product("weight size (outChannels*inChannels/groups*kernelH*kernelW)",
                outChannels, inChannels / groups, kernelH, kernelW);
        int oh = (int) Checks.windowCount(inHeight, padTop, padBottom, kernelH, strideH, dilationH);
        int ow = (int) Checks.windowCount(inWidth, padLeft, padRight, kernelW, strideW, dilationW);
        product("output size (batch*outChannels*outHeight*outWidth)", batch, outChannels, oh, ow);
    }

    private static void checkOutput(String axis, int in, int padA, int padB, int k, int s, int d) {
        long span = (long) d * (k - 1) + 1;
        long padded = (long) in + padA + padB;
        if (padded < span) {
            String cap = Character.toUpperCase(axis.charAt(0)) + axis.substring(1);
            throw new IllegalArgumentException("kernel" + (axis.equals("height") ? "H" : "W")
                    + " = " + k + " (dilated extent " + span + "): must be <= padded input " + axis
                    + " = in" + cap + " + padding = " + padded + ", or there is no output");
        }
        if (span > Integer.MAX_VALUE || padded > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("dilated kernel or padded " + axis
                    + " overflows int: extent " + span + ", padded " + padded);
        }
    }

    /** {@return a builder with batch 1, stride 1, no padding, dilation 1, one group, no bias} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this spec's values} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.batch = batch; b.inChannels = inChannels; b.inHeight = inHeight; b.inWidth = inWidth;
        b.outChannels = outChannels; b.kernelH = kernelH; b.kernelW = kernelW;
        b.strideH = strideH; b.strideW = strideW;
        b.padTop = padTop; b.padBottom = padBottom; b.padLeft = padLeft; b.padRight = padRight;
        b.dilationH = dilationH; b.dilationW = dilationW; b.groups = groups;
        b.hasBias = hasBias; b.activation = activation;
        return b;
    }

    /** {@return output height} */
    public int outHeight() {
        return (int) Checks.windowCount(inHeight, padTop, padBottom, kernelH, strideH, dilationH);
    }

    /** {@return output width} */
    public int outWidth() {
        return (int) Checks.windowCount(inWidth, padLeft, padRight, kernelW, strideW, dilationW);
    }

    /** {@return input channels seen by each output channel ({@code inChannels / groups})} */
    public int inChannelsPerGroup() {
        return inChannels / groups;
    }

    /** {@return output channels per group ({@code outChannels / groups})} */
    public int outChannelsPerGroup() {
        return outChannels / groups;
    }

    /** {@return elements of the NCHW input} */
    public int inputSize() {
        return batch * inChannels * inHeight * inWidth;
    }

    /** {@return elements of the NCHW output} */
    public int outputSize() {
        return batch * outChannels * outHeight() * outWidth();
    }

    /** {@return elements of the OIHW weights} */
    public int weightSize() {
        return outChannels * inChannelsPerGroup() * kernelH * kernelW;
    }

    /** {@return products summed into each output value: {@code inChannels/groups * kernelH * kernelW}} */
    public int accumulationLength() {
        return inChannelsPerGroup() * kernelH * kernelW;
    }

    /**
     * The conventional FLOP count: one multiply and one add per kernel tap per output value
     * ({@code 2 * N * K * OH * OW * C/G * R * S}), bias and activation not counted. Fast
     * algorithms (Winograd) are credited with this count too, so their GFLOP/s are "effective".
     *
     * @return floating-point operations of one forward call
     */
    public long flops() {
        return 2L * batch * outChannels * outHeight() * outWidth() * accumulationLength();
    }

    /** {@return true when every input channel has its own filters ({@code groups == inChannels > 1})} */
    public boolean isDepthwise() {
        return groups == inChannels && groups > 1;
    }

    /** {@return true for a 1x1 kernel with stride 1, no padding and dilation 1 (input is the GEMM operand)} */
    public boolean isPointwise() {
        return kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1
                && padTop == 0 && padBottom == 0 && padLeft == 0 && padRight == 0;
    }

    /**
     * Returns this spec with another batch size, for planning the same layer on a new batch.
     * @param n new batch size
     * @return this spec with another batch size
     */
    public ConvSpec withBatch(int n) {
        return toBuilder().batch(n).build();
    }

    /**
     * Returns this spec with another input size.
     * @param height new input height
     * @param width new input width
     * @return this spec with another input size
     */
    public ConvSpec withInput(int height, int width) {
        return toBuilder().input(height, width).build();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Conv[N=").append(batch).append(" C=").append(inChannels)
                .append(' ').append(inHeight).append('x').append(inWidth)
                .append(" -> K=").append(outChannels).append(' ').append(outHeight()).append('x').append(outWidth())
                .append(", k=").append(kernelH).append('x').append(kernelW)
                .append(" s=").append(strideH).append(',').append(strideW)
                .append(" pad(t,b,l,r)=").append(padTop).append(',').append(padBottom).append(',')
                .append(padLeft).append(',').append(padRight)
                .append(" d=").append(dilationH).append(',').append(dilationW);
        if (groups != 1) {
            s.append(" g=").append(groups);
        }
        if (hasBias) {
            s.append(" +bias");
        }
        if (activation != Activation.NONE) {
            s.append(' ').append(activation);
        }
        return s.append(']').toString();
    }

    /** Mutable builder for {@link ConvSpec}; {@link #build()} validates. */
    public static final class Builder {
        private int batch = 1;
        private int inChannels = 1;
        private int inHeight = 1;
        private int inWidth = 1;
        private int outChannels = 1;
        private int kernelH = 1;
        private int kernelW = 1;
        private int strideH = 1;
        private int strideW = 1;
        private int padTop;
        private int padBottom;
        private int padLeft;
        private int padRight;
        private int dilationH = 1;
        private int dilationW = 1;
        private int groups = 1;
        private boolean hasBias;
        private Activation activation = Activation.NONE;

        private Builder() {}

        /**
         * Sets the batch size.
         * @param n batch size
         * @return this builder
         */
        public Builder batch(int n) { this.batch = n; return this; }

        /**
         * Sets the input channels.
         * @param c input channels
         * @return this builder
         */
        public Builder inChannels(int c) { this.inChannels = c; return this; }

        /**
         * Sets the output channels.
         * @param k output channels
         * @return this builder
         */
        public Builder outChannels(int k) { this.outChannels = k; return this; }

        /**
         * Sets the input height and the input width.
         * @param height input height
         * @param width input width
         * @return this builder
         */
        public Builder input(int height, int width) { this.inHeight = height; this.inWidth = width; return this; }

        /**
         * Sets the kernel height and the kernel width.
         * @param kh kernel height
         * @param kw kernel width
         * @return this builder
         */
        public Builder kernel(int kh, int kw) { this.kernelH = kh; this.kernelW = kw; return this; }

        /**
         * Sets the square kernel size.
         * @param k square kernel size
         * @return this builder
         */
        public Builder kernel(int k) { return kernel(k, k); }

        /**
         * Sets the vertical stride and the horizontal stride.
         * @param sh vertical stride
         * @param sw horizontal stride
         * @return this builder
         */
        public Builder stride(int sh, int sw) { this.strideH = sh; this.strideW = sw; return this; }

        /**
         * Sets the stride on both axes.
         * @param s stride on both axes
         * @return this builder
         */
        public Builder stride(int s) { return stride(s, s); }

        /**
         * Sets asymmetric padding (ONNX lists the same four values as {@code [top, left, bottom, right]}).
         * @param top rows above
         * @param bottom rows below
         * @param left columns left
         * @param right columns right
         * @return this builder
         */
        public Builder padding(int top, int bottom, int left, int right) {
            this.padTop = top; this.padBottom = bottom; this.padLeft = left; this.padRight = right;
            return this;
        }

        /**
         * Sets the padding on all four sides.
         * @param p padding on all four sides
         * @return this builder
         */
        public Builder padding(int p) { return padding(p, p, p, p); }

        /**
         * Sets the vertical dilation and the horizontal dilation.
         * @param dh vertical dilation
         * @param dw horizontal dilation
         * @return this builder
         */
        public Builder dilation(int dh, int dw) { this.dilationH = dh; this.dilationW = dw; return this; }

        /**
         * Sets the dilation on both axes.
         * @param d dilation on both axes
         * @return this builder
         */
        public Builder dilation(int d) { return dilation(d, d); }

        /**
         * Sets the channel groups.
         * @param g channel groups
         * @return this builder
         */
        public Builder groups(int g) { this.groups = g; return this; }

        /**
         * Sets the whether a bias is added.
         * @param b whether a bias is added
         * @return this builder
         */
        public Builder bias(boolean b) { this.hasBias = b; return this; }

        /**
         * Sets the fused activation.
         * @param a fused activation
         * @return this builder
         */
        public Builder activation(Activation a) { this.activation = a; return this; }

        /** {@return the validated spec} */
        public ConvSpec build() {
            return new ConvSpec(batch, inChannels, inHeight, inWidth, outChannels, kernelH, kernelW,
                    strideH, strideW, padTop, padBottom, padLeft, padRight, dilationH, dilationW,
                    groups, hasBias, activation);
        }
    }
}
