package io.github.simdconv.reference;

import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.Checks;
import io.github.simdconv.spec.Conv1dSpec;
import io.github.simdconv.spec.ConvMode;
import io.github.simdconv.spec.ConvSpec;

/**
 * The naive convolution oracle: plain loops written straight from the definitions, with
 * {@code double} accumulation and one rounding to float at the end. Nothing fast calls it;
 * tests and benchmarks hold the fast algorithms against it. Readable first, never tuned.
 */
public final class ReferenceConv {
    private ReferenceConv() {}

    /**
     * 2D convolution (ML's cross-correlation) of {@link ConvSpec}: NCHW input, OIHW weights,
     * NCHW output; bias added, then the activation.
     *
     * @param s the geometry
     * @param in input, {@code s.inputSize()} floats from {@code inOff}
     * @param inOff first input element
     * @param w weights, {@code s.weightSize()} floats
     * @param bias bias of {@code s.outChannels()} floats, or null when {@code !s.hasBias()}
     * @param out output, {@code s.outputSize()} floats from {@code outOff}
     * @param outOff first output element
     */
    public static void conv2d(ConvSpec s, float[] in, int inOff, float[] w, float[] bias,
            float[] out, int outOff) {
        checkConvArgs(s, in, inOff, w, bias, out, outOff);
        int oh = s.outHeight();
        int ow = s.outWidth();
        int cg = s.inChannelsPerGroup();
        int kg = s.outChannelsPerGroup();
        for (int n = 0; n < s.batch(); n++) {
            for (int k = 0; k < s.outChannels(); k++) {
                int g = k / kg;
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        double acc = s.hasBias() ? bias[k] : 0.0;
                        for (int c = 0; c < cg; c++) {
                            int ic = g * cg + c;
                            for (int i = 0; i < s.kernelH(); i++) {
                                int iy = y * s.strideH() - s.padTop() + i * s.dilationH();
                                if (iy < 0 || iy >= s.inHeight()) {
                                    continue; // zero padding
                                }
                                for (int j = 0; j < s.kernelW(); j++) {
                                    int ix = x * s.strideW() - s.padLeft() + j * s.dilationW();
                                    if (ix < 0 || ix >= s.inWidth()) {
                                        continue;
                                    }
                                    double xv = in[inOff + ((n * s.inChannels() + ic) * s.inHeight() + iy) * s.inWidth() + ix];
                                    double wv = w[((k * cg + c) * s.kernelH() + i) * s.kernelW() + j];
                                    acc += xv * wv;
                                }
                            }
                        }
                        out[outOff + ((n * s.outChannels() + k) * oh + y) * ow + x] =
                                s.activation().apply((float) acc);
                    }
                }
            }
        }
    }

    /**
     * {@link #conv2d(ConvSpec, float[], int, float[], float[], float[], int)} at offset 0,
     * returning a new output array.
     *
     * @param s the geometry
     * @param in NCHW input
     * @param w OIHW weights
     * @param bias bias or null
     * @return the NCHW output
     */
    public static float[] conv2d(ConvSpec s, float[] in, float[] w, float[] bias) {
        float[] out = new float[s.outputSize()];
        conv2d(s, in, 0, w, bias, out, 0);
        return out;
    }

    /**
     * 1D convolution (cross-correlation) of {@link Conv1dSpec}: NCW input, OIW weights.
     *
     * @param s the geometry
     * @param in input {@code [batch][inChannels][length]}
     * @param w weights {@code [outChannels][inChannels/groups][kernel]}
     * @param bias bias or null
     * @return output {@code [batch][outChannels][outLength]}
     */
    public static float[] conv1d(Conv1dSpec s, float[] in, float[] w, float[] bias) {
        float[] out = new float[s.batch() * s.outChannels() * s.outLength()];
        ConvSpec s2 = s.toConv2d();
        checkConvArgs(s2, in, 0, w, bias, out, 0);
        int cg = s.inChannels() / s.groups();
        int kg = s.outChannels() / s.groups();
        int ol = s.outLength();
        for (int n = 0; n < s.batch(); n++) {
            for (int k = 0; k < s.outChannels(); k++) {
                int g = k / kg;
                for (int p = 0; p < ol; p++) {
                    double acc = s.hasBias() ? bias[k] : 0.0;
                    for (int c = 0; c < cg; c++) {
                        for (int i = 0; i < s.kernel(); i++) {
                            int ix = p * s.stride() - s.padLeft() + i * s.dilation();
                            if (ix >= 0 && ix < s.length()) {
                                acc += (double) in[(n * s.inChannels() + g * cg + c) * s.length() + ix]
                                        * w[(k * cg + c) * s.kernel() + i];
                            }
                        }
                    }
                    out[(n * s.outChannels() + k) * ol + p] = s.activation().apply((float) acc);
                }
            }
        }
        return out;
    }

    /**
     * The true convolution of the lecture notes, {@code (x*w)[p] = sum_i x[i] w[p-i]} (the
     * kernel flipped relative to the cross-correlation), with numpy.convolve's semantics: if the
     * kernel is longer than the signal the two are swapped (convolution commutes), then
     * {@link ConvMode} selects full, same (length {@code max(n, m)}) or valid.
     *
     * @param x the signal
     * @param w the kernel
     * @param mode full, same or valid
     * @return the convolution
     */
    public static float[] convolve1d(float[] x, float[] w, ConvMode mode) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("x.length = " + (x == null ? "null" : 0) + ": must be >= 1");
        }
        if (w == null || w.length == 0) {
            throw new IllegalArgumentException("w.length = " + (w == null ? "null" : 0) + ": must be >= 1");
        }
        if (w.length > x.length) {
            float[] t = x; x = w; w = t;
        }
        int n = x.length;
        int m = w.length;
        double[] full = new double[n + m - 1];
        for (int p = 0; p < full.length; p++) {
            double acc = 0;
            for (int i = 0; i < n; i++) {
                int j = p - i;
                if (j >= 0 && j < m) {
                    acc += (double) x[i] * w[j];
                }
            }
            full[p] = acc;
        }
        int len = mode.outputLength(n, m);
        int off = mode.fullOffset(m);
        float[] out = new float[len];
        for (int p = 0; p < len; p++) {
            out[p] = (float) full[off + p];
        }
        return out;
    }

    /**
     * The true 2D convolution {@code (x*k)[p][q] = sum_{i,j} x[i][j] k[p-i][q-j]} with
     * scipy.signal.convolve2d's semantics: full is {@code (xh+kh-1) x (xw+kw-1)}; same has x's
     * shape, starting at full index {@code ((kh-1)/2, (kw-1)/2)}; valid needs one operand at least
     * as large as the other in both dimensions (they are swapped if k is the larger).
     *
     * @param x image, row-major {@code xh x xw}
     * @param xh image height
     * @param xw image width
     * @param k kernel, row-major {@code kh x kw}
     * @param kh kernel height
     * @param kw kernel width
     * @param mode full, same or valid
     * @return the convolution, row-major; its shape is given by {@link #convolve2dShape}
     */
    public static float[] convolve2d(float[] x, int xh, int xw, float[] k, int kh, int kw, ConvMode mode) {
        int[] shape = convolve2dShape(xh, xw, kh, kw, mode);
        Checks.array("x", x, 0, Checks.product("xh*xw", xh, xw));
        Checks.array("k", k, 0, Checks.product("kh*kw", kh, kw));
        if (mode == ConvMode.VALID && !(xh >= kh && xw >= kw)) {
            // the kernel is at least as large in both dimensions (convolve2dShape checked): swap
            float[] t = x; x = k; k = t;
            int th = xh; xh = kh; kh = th;
            int tw = xw; xw = kw; kw = tw;
        }
        int offY = mode.fullOffset(kh);
        int offX = mode.fullOffset(kw);
        float[] out = new float[shape[0] * shape[1]];
        for (int p = 0; p < shape[0]; p++) {
            for (int q = 0; q < shape[1]; q++) {
                int fp = p + offY;
                int fq = q + offX;
                double acc = 0;
                for (int i = 0; i < xh; i++) {
                    int a = fp - i;
                    if (a < 0 || a >= kh) {
                        continue;
                    }
                    for (int j = 0; j < xw; j++) {
                        int b = fq - j;
                        if (b >= 0 && b < kw) {
                            acc += (double) x[i * xw + j] * k[a * kw + b];
                        }
                    }
                }
                out[p * shape[1] + q] = (float) acc;
            }
        }
        return out;
    }

    /**
     * Output shape of {@link #convolve2d}.
     *
     * @param xh image height
     * @param xw image width
     * @param kh kernel height
     * @param kw kernel width
     * @param mode full, same or valid
     * @return {@code {height, width}}
     */
    public static int[] convolve2dShape(int xh, int xw, int kh, int kw, ConvMode mode) {
        Checks.positive("xh", xh);
        Checks.positive("xw", xw);
        Checks.positive("kh", kh);
        Checks.positive("kw", kw);
        return switch (mode) {
            case FULL -> new int[] {xh + kh - 1, xw + kw - 1};
            case SAME -> new int[] {xh, xw};
            case VALID -> {
                if (xh >= kh && xw >= kw) {
                    yield new int[] {xh - kh + 1, xw - kw + 1};
                }
                if (kh >= xh && kw >= xw) {
                    yield new int[] {kh - xh + 1, kw - xw + 1};
                }
                throw new IllegalArgumentException("kernel " + kh + "x" + kw + " vs image " + xh + "x" + xw
                        + ": for VALID mode one must be at least as large as the other in both dimensions");
            }
        };
    }

    static void checkConvArgs(ConvSpec s, float[] in, int inOff, float[] w, float[] bias,
            float[] out, int outOff) {
        Checks.array("input", in, inOff, s.inputSize());
        if (w == null || w.length != s.weightSize()) {
            throw new IllegalArgumentException("weights.length = " + (w == null ? "null" : w.length) + ": must be "
                    + "outChannels*inChannels/groups*kernelH*kernelW = " + s.weightSize());
        }
        if (s.hasBias()) {
            if (bias == null || bias.length != s.outChannels()) {
                throw new IllegalArgumentException("bias.length = " + (bias == null ? "null" : bias.length)
                        + ": must be outChannels = " + s.outChannels() + " when hasBias");
            }
        } else if (bias != null) {
            throw new IllegalArgumentException("bias given but spec.hasBias() is false");
        }
        Checks.array("output", out, outOff, s.outputSize());
    }

    /** Activation helper kept for symmetry with the fast kernels. */
    static float act(Activation a, double v) {
        return a.apply((float) v);
    }
}
