package io.github.simdconv.spec;

import static io.github.simdconv.spec.Checks.nonNegative;
import static io.github.simdconv.spec.Checks.positive;
import static io.github.simdconv.spec.Checks.product;

import java.util.Objects;

/**
 * Geometry of a 2D max or average pooling over NCHW data. Immutable and validated; build with
 * {@link #builder(PoolKind)} or {@link #global(PoolKind, int, int, int, int)}.
 *
 * <p>Semantics (PyTorch {@code MaxPool2d}/{@code AvgPool2d}, ONNX {@code MaxPool}/{@code AveragePool}):
 * <ul>
 * <li>output size {@code floor((in + padBefore + padAfter - dilation*(k-1) - 1) / stride) + 1},
 *     or with {@code ceilMode} the ceiling, where a last window that would start in the
 *     bottom/right padding ({@code (out-1)*stride >= in + padBefore}) is dropped (PyTorch's rule);</li>
 * <li>padding must be smaller than the dilated kernel on every side: ONNX Runtime's rule, which
 *     guarantees every window overlaps the padded-input region next to real data (PyTorch's
 *     stricter limit of half the kernel would reject valid ONNX models);</li>
 * <li>max: padding never contributes; NaN propagates; ties pick the first maximum in row-major
 *     window order;</li>
 * <li>average: the divisor is the window clipped to the input ({@code countIncludePad = false}) or
 *     clipped to the padded input ({@code true}): a ceil-mode window hanging past the bottom/right
 *     padding counts only up to the padding's edge, exactly as PyTorch;</li>
 * <li>average pooling has no dilation (PyTorch {@code AvgPool2d}); {@code dilation != 1} with
 *     {@code AVG} is rejected, and {@code countIncludePad} with {@code MAX} is rejected.</li>
 * </ul>
 *
 * @param kind max or average
 * @param batch images per call
 * @param channels channels (pooling is per channel)
 * @param inHeight input height
 * @param inWidth input width
 * @param kernelH window height
 * @param kernelW window width
 * @param strideH vertical stride
 * @param strideW horizontal stride
 * @param padTop rows of padding above
 * @param padBottom rows of padding below
 * @param padLeft columns of padding left
 * @param padRight columns of padding right
 * @param dilationH vertical tap distance (max only)
 * @param dilationW horizontal tap distance (max only)
 * @param ceilMode ceiling instead of floor in the output size
 * @param countIncludePad average divisor counts padding (avg only)
 */
public record PoolSpec(PoolKind kind, int batch, int channels, int inHeight, int inWidth,
        int kernelH, int kernelW, int strideH, int strideW,
        int padTop, int padBottom, int padLeft, int padRight,
        int dilationH, int dilationW, boolean ceilMode, boolean countIncludePad) {

    /** Validates every field; see the class documentation for the rules. */
    public PoolSpec {
        Objects.requireNonNull(kind, "kind");
        positive("batch", batch);
        positive("channels", channels);
        positive("inHeight", inHeight);
        positive("inWidth", inWidth);
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
        if (kind == PoolKind.AVG && (dilationH != 1 || dilationW != 1)) {
            throw new IllegalArgumentException("dilation = (" + dilationH + ", " + dilationW
                    + "): average pooling has no dilation, must be (1, 1)");
        }
        if (kind == PoolKind.MAX && countIncludePad) {
            throw new IllegalArgumentException("countIncludePad = true: applies to AVG pooling only");
        }
        checkPad("padTop", padTop, kernelH, dilationH);
        checkPad("padBottom", padBottom, kernelH, dilationH);
        checkPad("padLeft", padLeft, kernelW, dilationW);
        checkPad("padRight", padRight, kernelW, dilationW);
        int oh = outSize("height", inHeight, padTop, padBottom, kernelH, strideH, dilationH, ceilMode);
        int ow = outSize("width", inWidth, padLeft, padRight, kernelW, strideW, dilationW, ceilMode);
        product("input size (batch*channels*inHeight*inWidth)", batch, channels, inHeight, inWidth);
        product("output size (batch*channels*outHeight*outWidth)", batch, channels, oh, ow);
    }

    private static void checkPad(String field, int pad, int k, int d) {
        long span = (long) d * (k - 1) + 1;
        if (pad >= span) {
            throw new IllegalArgumentException(field + " = " + pad
                    + ": must be smaller than the dilated kernel extent " + span
                    + " (ONNX Runtime's rule: every window must overlap the input)");
        }
    }

    static int outSize(String axis, int in, int padA, int padB, int k, int s, int d, boolean ceil) {
        long span = (long) d * (k - 1) + 1;
        long padded = (long) in + padA + padB;
        if (padded < span) {
            throw new IllegalArgumentException("kernel" + (axis.equals("height") ? "H" : "W") + " = " + k
                    + " (dilated extent " + span + "): must be <= padded input " + axis + " = "
                    + padded + ", or there is no output");
        }
        long out = (padded - span + (ceil ? s - 1 : 0)) / s + 1;
        if (ceil && (out - 1) * s >= (long) in + padA) {
            out--; // PyTorch: the last window must start inside the input or the top/left padding
        }
        if (out > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("output " + axis + " = " + out + " overflows int");
        }
        return (int) out;
    }

    /**
     * Global pooling: one window covering the whole image.
     *
     * @param kind max or average
     * @param batch images
     * @param channels channels
     * @param height input height
     * @param width input width
     * @return the spec, output {@code [batch][channels][1][1]}
     */
    public static PoolSpec global(PoolKind kind, int batch, int channels, int height, int width) {
        return new PoolSpec(kind, batch, channels, height, width, height, width, 1, 1, 0, 0, 0, 0,
                1, 1, false, false);
    }

    /**
     * Starts a pooling spec.
     * @param kind max or average
     * @return a builder with batch 1, one channel, stride = kernel (set later) and no padding
     */
    public static Builder builder(PoolKind kind) {
        return new Builder(kind);
    }

    /** {@return a builder holding this spec's values} */
    public Builder toBuilder() {
        Builder b = new Builder(kind);
        b.batch = batch; b.channels = channels; b.inHeight = inHeight; b.inWidth = inWidth;
        b.kernelH = kernelH; b.kernelW = kernelW; b.strideH = strideH; b.strideW = strideW; b.strideSet = true;
        b.padTop = padTop; b.padBottom = padBottom; b.padLeft = padLeft; b.padRight = padRight;
        b.dilationH = dilationH; b.dilationW = dilationW; b.ceilMode = ceilMode;
        b.countIncludePad = countIncludePad;
        return b;
    }

    /** {@return output height} */
    public int outHeight() {
        return outSize("height", inHeight, padTop, padBottom, kernelH, strideH, dilationH, ceilMode);
    }

    /** {@return output width} */
    public int outWidth() {
        return outSize("width", inWidth, padLeft, padRight, kernelW, strideW, dilationW, ceilMode);
    }

    /** {@return true if one window covers the whole unpadded image and there is one output} */
    public boolean isGlobal() {
        return kernelH == inHeight && kernelW == inWidth && padTop == 0 && padBottom == 0
                && padLeft == 0 && padRight == 0 && dilationH == 1 && dilationW == 1;
    }

    /** {@return elements of the input} */
    public int inputSize() {
        return batch * channels * inHeight * inWidth;
    }

    /** {@return elements of the output} */
    public int outputSize() {
        return batch * channels * outHeight() * outWidth();
    }

    /** {@return comparisons or additions of one call: one per window tap per output} */
    public long ops() {
        return (long) outputSize() * kernelH * kernelW;
    }

    /**
     * Returns this spec with another input size.
     * @param height new input height
     * @param width new input width
     * @return this spec with another input size
     */
    public PoolSpec withInput(int height, int width) {
        return toBuilder().input(height, width).build();
    }

    /**
     * Returns this spec with another batch size.
     * @param n new batch
     * @return this spec with another batch
     */
    public PoolSpec withBatch(int n) {
        return toBuilder().batch(n).build();
    }

    @Override
    public String toString() {
        return (isGlobal() ? "Global" : "") + (kind == PoolKind.MAX ? "MaxPool" : "AvgPool")
                + "[N=" + batch + " C=" + channels + ' ' + inHeight + 'x' + inWidth
                + " -> " + outHeight() + 'x' + outWidth() + ", k=" + kernelH + 'x' + kernelW
                + " s=" + strideH + ',' + strideW + " pad(t,b,l,r)=" + padTop + ',' + padBottom + ','
                + padLeft + ',' + padRight + " d=" + dilationH + ',' + dilationW
                + (ceilMode ? " ceil" : "") + (countIncludePad ? " countIncludePad" : "") + ']';
    }

    /** Mutable builder for {@link PoolSpec}; {@link #build()} validates. */
    public static final class Builder {
        private final PoolKind kind;
        private int batch = 1;
        private int channels = 1;
        private int inHeight = 1;
        private int inWidth = 1;
        private int kernelH = 1;
        private int kernelW = 1;
        private int strideH;
        private int strideW;
        private boolean strideSet;
        private int padTop;
        private int padBottom;
        private int padLeft;
        private int padRight;
        private int dilationH = 1;
        private int dilationW = 1;
        private boolean ceilMode;
        private boolean countIncludePad;

        private Builder(PoolKind kind) {
            this.kind = kind;
        }

        /**
         * Sets the batch.
         * @param n batch
         * @return this builder
         */
        public Builder batch(int n) { this.batch = n; return this; }

        /**
         * Sets the channels.
         * @param c channels
         * @return this builder
         */
        public Builder channels(int c) { this.channels = c; return this; }

        /**
         * Sets the input height and the input width.
         * @param height input height
         * @param width input width
         * @return this builder
         */
        public Builder input(int height, int width) { this.inHeight = height; this.inWidth = width; return this; }

        /**
         * Sets the window height and the window width.
         * @param kh window height
         * @param kw window width
         * @return this builder
         */
        public Builder kernel(int kh, int kw) { this.kernelH = kh; this.kernelW = kw; return this; }

        /**
         * Sets the square window.
         * @param k square window
         * @return this builder
         */
        public Builder kernel(int k) { return kernel(k, k); }

        /**
         * Sets the vertical stride and the horizontal stride.
         * @param sh vertical stride
         * @param sw horizontal stride
         * @return this builder
         */
        public Builder stride(int sh, int sw) { this.strideH = sh; this.strideW = sw; this.strideSet = true; return this; }

        /**
         * Sets the stride on both axes (default: the kernel size, as PyTorch).
         * @param s stride on both axes (default: the kernel size, as PyTorch)
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
         * Sets the padding on all sides.
         * @param p padding on all sides
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
         * Sets the ceil mode.
         * @param c ceil mode
         * @return this builder
         */
        public Builder ceilMode(boolean c) { this.ceilMode = c; return this; }

        /**
         * Sets the count padding in the average's divisor.
         * @param c count padding in the average's divisor
         * @return this builder
         */
        public Builder countIncludePad(boolean c) { this.countIncludePad = c; return this; }

        /** {@return the validated spec} */
        public PoolSpec build() {
            return new PoolSpec(kind, batch, channels, inHeight, inWidth, kernelH, kernelW,
                    strideSet ? strideH : kernelH, strideSet ? strideW : kernelW,
                    padTop, padBottom, padLeft, padRight, dilationH, dilationW, ceilMode,
                    countIncludePad);
        }
    }
}
