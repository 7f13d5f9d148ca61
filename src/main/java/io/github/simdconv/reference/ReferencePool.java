package io.github.simdconv.reference;

import io.github.simdconv.spec.Checks;
import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;

/**
 * The naive pooling oracle, written from PyTorch's definitions ({@code max_pool2d_with_indices},
 * {@code avg_pool2d}): per output, walk the window, skip what lies outside the input.
 */
public final class ReferencePool {
    private ReferencePool() {}

    /**
     * Pools {@code in} into {@code out} as {@code s} says (max or average).
     *
     * @param s the geometry
     * @param in NCHW input from {@code inOff}
     * @param inOff first input element
     * @param out NCHW output from {@code outOff}
     * @param outOff first output element
     */
    public static void pool(PoolSpec s, float[] in, int inOff, float[] out, int outOff) {
        if (s.kind() == PoolKind.MAX) {
            maxPool(s, in, inOff, out, outOff, null, 0);
        } else {
            avgPool(s, in, inOff, out, outOff);
        }
    }

    /**
     * Pools into a new array, for tests and small inputs.
     * @param s the geometry
     * @param in NCHW input
     * @return the pooled output
     */
    public static float[] pool(PoolSpec s, float[] in) {
        float[] out = new float[s.outputSize()];
        pool(s, in, 0, out, 0);
        return out;
    }

    /**
     * Max pooling. A window's maximum ignores padding; NaN propagates (the NaN's index is kept,
     * and a later NaN replaces an earlier one, as PyTorch's {@code val > max || isnan(val)});
     * ties keep the first maximum in row-major window order; a window of only -inf yields -inf
     * with the index of its first in-input tap.
     *
     * @param s the geometry ({@code kind == MAX})
     * @param in NCHW input from {@code inOff}
     * @param inOff first input element
     * @param out NCHW output from {@code outOff}
     * @param outOff first output element
     * @param indices if not null, receives for each output the flat index into the whole
     *     input tensor ({@code ((n*C + c)*H + h)*W + w}, ONNX MaxPool's Indices with
     *     storage_order 0), relative to {@code inOff}; -1 for a window with no input tap
     * @param idxOff first index element
     */
    public static void maxPool(PoolSpec s, float[] in, int inOff, float[] out, int outOff,
            int[] indices, int idxOff) {
        if (s.kind() != PoolKind.MAX) {
            throw new IllegalArgumentException("kind = " + s.kind() + ": maxPool needs MAX");
        }
        Checks.array("input", in, inOff, s.inputSize());
        Checks.array("output", out, outOff, s.outputSize());
        if (indices != null) {
            Checks.array("indices", indices, idxOff, s.outputSize());
        }
        int oh = s.outHeight();
        int ow = s.outWidth();
        int h = s.inHeight();
        int w = s.inWidth();
        for (int plane = 0; plane < s.batch() * s.channels(); plane++) {
            int base = plane * h * w;
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    float max = Float.NEGATIVE_INFINITY;
                    int arg = -1;
                    for (int i = 0; i < s.kernelH(); i++) {
                        int iy = y * s.strideH() - s.padTop() + i * s.dilationH();
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        for (int j = 0; j < s.kernelW(); j++) {
                            int ix = x * s.strideW() - s.padLeft() + j * s.dilationW();
                            if (ix < 0 || ix >= w) {
                                continue;
                            }
                            float v = in[inOff + base + iy * w + ix];
                            // PyTorch: (val > maxval) || isnan(val); the first tap always counts
                            if (arg < 0 || v > max || Float.isNaN(v)) {
                                max = v;
                                arg = base + iy * w + ix;
                            }
                        }
                    }
                    int o = plane * oh * ow + y * ow + x;
                    out[outOff + o] = max;
                    if (indices != null) {
                        indices[idxOff + o] = arg;
                    }
                }
            }
        }
    }

    /**
     * Average pooling with PyTorch's divisor: the window is first clipped to the padded input
     * (so a ceil-mode overhang past the bottom/right padding is never counted), then, unless
     * {@code countIncludePad}, clipped to the input itself.
     *
     * @param s the geometry ({@code kind == AVG})
     * @param in NCHW input from {@code inOff}
     * @param inOff first input element
     * @param out NCHW output from {@code outOff}
     * @param outOff first output element
     */
    public static void avgPool(PoolSpec s, float[] in, int inOff, float[] out, int outOff) {
        if (s.kind() != PoolKind.AVG) {
            throw new IllegalArgumentException("kind = " + s.kind() + ": avgPool needs AVG");
        }
        Checks.array("input", in, inOff, s.inputSize());
        Checks.array("output", out, outOff, s.outputSize());
        int oh = s.outHeight();
        int ow = s.outWidth();
        int h = s.inHeight();
        int w = s.inWidth();
        for (int plane = 0; plane < s.batch() * s.channels(); plane++) {
            int base = plane * h * w;
            for (int y = 0; y < oh; y++) {
                int y0 = y * s.strideH() - s.padTop();
                int y1 = Math.min(y0 + s.kernelH(), h + s.padBottom());
                int padCountH = y1 - y0;
                int cy0 = Math.max(y0, 0);
                int cy1 = Math.min(y1, h);
                for (int x = 0; x < ow; x++) {
                    int x0 = x * s.strideW() - s.padLeft();
                    int x1 = Math.min(x0 + s.kernelW(), w + s.padRight());
                    int padCountW = x1 - x0;
                    int cx0 = Math.max(x0, 0);
                    int cx1 = Math.min(x1, w);
                    double sum = 0;
                    for (int iy = cy0; iy < cy1; iy++) {
                        for (int ix = cx0; ix < cx1; ix++) {
                            sum += in[inOff + base + iy * w + ix];
                        }
                    }
                    int divisor = s.countIncludePad() ? padCountH * padCountW
                            : (cy1 - cy0) * (cx1 - cx0);
                    out[outOff + plane * oh * ow + y * ow + x] = (float) (sum / divisor);
                }
            }
        }
    }
}
