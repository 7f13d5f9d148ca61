package io.github.simdconv.layer;

import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.Checks;
import io.github.simdconv.spec.ConvMode;
import io.github.simdconv.spec.ConvSpec;

/**
 * The true convolution of the lecture notes, {@code (x*k)[p] = sum_i x[i] k[p-i]} (the kernel
 * flipped relative to ML's cross-correlation), 1D and 2D in {@link ConvMode} full, same or valid,
 * run on the fast convolution algorithms: the kernel is flipped and the padding
 * ({@link ConvMode#padBefore}, {@link ConvMode#padAfter}) set once at plan time, then it is an
 * ordinary cross-correlation.
 *
 * <p>As a layer it takes single-channel tensors ({@code [N, 1, H, W]}; 1D: {@code [N, 1, 1, L]})
 * and convolves every image with the same kernel. Where the kernel is larger than the signal,
 * numpy.convolve (1D same/valid) and scipy.signal.convolve2d (2D valid) swap the two operands;
 * a layer cannot (its kernel is fixed), so it rejects those inputs with an
 * {@link IllegalArgumentException} saying so. The one-shot functions {@link #convolve1d} and
 * {@link #convolve2d} do swap, and equal numpy and scipy exactly in shape.
 */
public final class TrueConvolution extends AbstractLayer {
    private final boolean oneD;
    private final int kh;
    private final int kw;
    private final ConvMode mode;
    private final Conv2d conv;
    private final float[] kernel;

    private TrueConvolution(boolean oneD, float[] kernel, int kh, int kw, ConvMode mode, AlgorithmChoice choice) {
        if (mode == null) {
            throw new IllegalArgumentException("mode is null: FULL, SAME or VALID");
        }
        Checks.positive("kernelH", kh);
        Checks.positive("kernelW", kw);
        Checks.array("kernel", kernel, 0, Checks.product("kernelH*kernelW", kh, kw));
        if (kernel.length != kh * kw) {
            throw new IllegalArgumentException("kernel.length = " + kernel.length + ": must be kernelH*kernelW = " + kh * kw);
        }
        this.oneD = oneD;
        this.kh = kh;
        this.kw = kw;
        this.mode = mode;
        // any input size that the mode accepts will do as the template's
        ConvSpec template = ConvSpec.builder().inChannels(1).outChannels(1).input(kh, kw).kernel(kh, kw)
                .padding(mode.padBefore(kh), mode.padAfter(kh), mode.padBefore(kw), mode.padAfter(kw))
                .activation(Activation.NONE).build();
        this.kernel = kernel.clone();
        this.conv = new Conv2d(template, flip(kernel), null, choice);
    }

    /** @return a copy of the kernel as given (not flipped), row-major */
    public float[] kernel() {
        return kernel.clone();
    }

    /** @return kernel height (1 for 1D) */
    public int kernelH() {
        return kh;
    }

    /** @return kernel width (the length for 1D) */
    public int kernelW() {
        return kw;
    }

    /** @return full, same or valid */
    public ConvMode mode() {
        return mode;
    }

    /** @return true for the 1D layer */
    public boolean isOneD() {
        return oneD;
    }

    /**
     * @param input an accepted input shape
     * @return the registered algorithm this layer runs on it
     */
    public String algorithmFor(Shape input) {
        check(input);
        return conv.algorithmFor(input);
    }

    /**
     * A 2D true-convolution layer for {@code [N, 1, H, W]} tensors.
     *
     * @param kernel row-major {@code kh x kw} kernel (copied)
     * @param kh kernel height
     * @param kw kernel width
     * @param mode full, same or valid (scipy.signal.convolve2d's meaning)
     * @return the layer, algorithm AUTO
     */
    public static TrueConvolution of2d(float[] kernel, int kh, int kw, ConvMode mode) {
        return new TrueConvolution(false, kernel, kh, kw, mode, AlgorithmChoice.AUTO);
    }

    /**
     * @param kernel row-major {@code kh x kw} kernel (copied)
     * @param kh kernel height
     * @param kw kernel width
     * @param mode full, same or valid
     * @param algorithm how the algorithm is chosen
     * @return the layer
     */
    public static TrueConvolution of2d(float[] kernel, int kh, int kw, ConvMode mode, AlgorithmChoice algorithm) {
        return new TrueConvolution(false, kernel, kh, kw, mode, algorithm);
    }

    /**
     * A 1D true-convolution layer for {@code [N, 1, 1, L]} tensors.
     *
     * @param kernel the kernel (copied)
     * @param mode full, same or valid (numpy.convolve's meaning; the signal must not be shorter
     *     than the kernel in same and valid mode)
     * @return the layer, algorithm AUTO
     */
    public static TrueConvolution of1d(float[] kernel, ConvMode mode) {
        return of1d(kernel, mode, AlgorithmChoice.AUTO);
    }

    /**
     * @param kernel the kernel (copied)
     * @param mode full, same or valid
     * @param algorithm how the algorithm is chosen
     * @return the layer
     */
    public static TrueConvolution of1d(float[] kernel, ConvMode mode, AlgorithmChoice algorithm) {
        if (kernel == null) {
            throw new IllegalArgumentException("kernel is null");
        }
        return new TrueConvolution(true, kernel, 1, kernel.length, mode, algorithm);
    }

    private static float[] flip(float[] k) {
        float[] f = new float[k.length];
        for (int i = 0; i < k.length; i++) {
            f[i] = k[k.length - 1 - i]; // row-major reversal flips both axes
        }
        return f;
    }

    private void check(Shape input) {
        if (input == null) {
            throw new IllegalArgumentException("input shape is null");
        }
        String name = oneD ? "TrueConvolution1d" : "TrueConvolution2d";
        if (input.channels() != 1) {
            throw new IllegalArgumentException(name + ": input shape " + input + " has " + input.channels()
                    + " channels: must be 1 (one kernel convolves each image)");
        }
        if (oneD) {
            if (input.height() != 1) {
                throw new IllegalArgumentException(name + ": input shape " + input + " has height " + input.height()
                        + ": must be 1 (1D signals are [N, 1, 1, L] tensors)");
            }
            if (mode != ConvMode.FULL && input.width() < kw) {
                throw new IllegalArgumentException(name + ": signal length " + input.width() + " < kernel length " + kw
                        + " in " + mode + " mode: numpy.convolve would swap signal and kernel, a layer's kernel is fixed;"
                        + " use FULL mode or the one-shot TrueConvolution.convolve1d");
            }
        } else if (mode == ConvMode.VALID && (input.height() < kh || input.width() < kw)) {
            throw new IllegalArgumentException(name + ": image " + input.height() + "x" + input.width()
                    + " is smaller than the kernel " + kh + "x" + kw + " in VALID mode: scipy.signal.convolve2d would"
                    + " swap image and kernel, a layer's kernel is fixed; use the one-shot TrueConvolution.convolve2d");
        }
    }

    @Override
    public Shape outputShape(Shape input) {
        check(input);
        return conv.outputShape(input);
    }

    @Override
    public LayerPlan plan(Shape input, int threads) {
        check(input);
        LayerPlan p = conv.plan(input, threads);
        String what = (oneD ? "TrueConvolution1d[" : "TrueConvolution2d[") + mode + "]:";
        return new BasePlan(input, p.outputShape()) {
            @Override
            public void run(float[] in, int inOff, float[] out, int outOff) {
                p.run(in, inOff, out, outOff);
            }

            @Override
            public String describe() {
                return what + p.describe();
            }
        };
    }

    /**
     * numpy.convolve(x, w, mode) on the fast kernels: if the kernel is longer than the signal the
     * two are swapped (convolution commutes), so same has length {@code max(n, m)}.
     *
     * @param x the signal, at least 1 element
     * @param w the kernel, at least 1 element
     * @param mode full, same or valid
     * @return the convolution (a new array)
     */
    public static float[] convolve1d(float[] x, float[] w, ConvMode mode) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("x.length = " + (x == null ? "null" : 0) + ": must be >= 1");
        }
        if (w == null || w.length == 0) {
            throw new IllegalArgumentException("w.length = " + (w == null ? "null" : 0) + ": must be >= 1");
        }
        if (w.length > x.length) {
            float[] t = x;
            x = w;
            w = t;
        }
        TrueConvolution layer = of1d(w, mode);
        return layer.forward(Tensor.of(Shape.of(1, 1, 1, x.length), x)).toArray();
    }

    /**
     * scipy.signal.convolve2d(x, k, mode) on the fast kernels (zero boundary). Full is
     * {@code (xh+kh-1) x (xw+kw-1)}; same has x's shape; valid needs one operand at least as large
     * as the other in both dimensions and swaps them if k is the larger.
     *
     * @param x row-major {@code xh x xw} image
     * @param xh image height
     * @param xw image width
     * @param k row-major {@code kh x kw} kernel
     * @param kh kernel height
     * @param kw kernel width
     * @param mode full, same or valid
     * @return the convolution, row-major (shape {@link #convolve2dShape})
     */
    public static float[] convolve2d(float[] x, int xh, int xw, float[] k, int kh, int kw, ConvMode mode) {
        convolve2dShape(xh, xw, kh, kw, mode);
        Checks.array("x", x, 0, Checks.product("xh*xw", xh, xw));
        Checks.array("k", k, 0, Checks.product("kh*kw", kh, kw));
        if (mode == ConvMode.VALID && (kh > xh || kw > xw)) {
            float[] t = x; x = k; k = t;
            int th = xh; xh = kh; kh = th;
            int tw = xw; xw = kw; kw = tw;
        }
        float[] kernel = k.length == kh * kw ? k : java.util.Arrays.copyOf(k, kh * kw);
        TrueConvolution layer = of2d(kernel, kh, kw, mode);
        return layer.forward(Tensor.of(Shape.of(1, 1, xh, xw), x)).toArray();
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
        if (mode == null) {
            throw new IllegalArgumentException("mode is null: FULL, SAME or VALID");
        }
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

    @Override
    public String toString() {
        return (oneD ? "TrueConvolution1d(" + kw : "TrueConvolution2d(" + kh + "x" + kw) + ", " + mode + ")";
    }
}
