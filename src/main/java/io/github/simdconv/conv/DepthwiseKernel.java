package io.github.simdconv.conv;

import io.github.simdconv.simd.Simd;

/**
 * The inner loop of {@link Depthwise}: output rows of one channel computed from a zero-padded copy
 * of the input rows they need, so there are no bounds checks. The copy stores each padded row as
 * {@code sW} phases ({@code phase = column % sW}, {@code phaseLen} floats each), which turns a
 * strided row into contiguous loads: output pixel {@code x}, tap {@code j} reads
 * {@code x + colOff[j]} with {@code colOff[j] = (j dW % sW) phaseLen + j dW / sW}.
 *
 * <p>Contract of {@link #rows}: output row {@code y} ({@code 0 <= y < count}), pixel {@code x}, is
 * {@code bias + sum_{i,j} w[wOff + i * S + j] * src[(y * sH + i * dH) * srcRow + x + colOff[j]]},
 * then ReLU if asked, written to {@code out[outOff + y * outW + x]}. {@code src} has at least
 * {@link #SLACK} readable floats past the last one used, so vectors may over-read.
 */
abstract class DepthwiseKernel {
    /** Readable floats past the last used one: four vectors, and some. */
    static final int SLACK = 4 * Math.max(16, Simd.floatLanes()) + 16;
    /**
     * How far past a row's last pixel {@link #rows} may store vectors (masked, so only pixels
     * inside the row change): the caller makes sure the array has this much room, because a
     * masked store that reaches past the end of an array takes the Vector API's slow path.
     */
    static final int STORE_REACH = 4 * Math.max(16, Simd.floatLanes());

    /** @return the vector kernel when the Vector API runs, else the scalar kernel */
    static DepthwiseKernel create() {
        return Simd.vectorEnabled() ? new DepthwiseVectorKernel() : new DepthwiseScalarKernel();
    }

    /**
     * @param src padded rows in phase layout
     * @param srcRow distance between padded rows
     * @param colOff offset of kernel column {@code j} (see class doc)
     * @param w weights (OIHW)
     * @param wOff this output channel's first weight
     * @param bias the bias of this channel (0 without bias)
     * @param relu whether to clamp negatives to zero
     * @param out output
     * @param outOff first output of row 0
     * @param outW output width
     * @param count rows to compute
     * @param r kernel height
     * @param s kernel width
     * @param sH vertical stride
     * @param dH vertical dilation
     */
    abstract void rows(float[] src, int srcRow, int[] colOff, float[] w, int wOff, float bias, boolean relu,
            float[] out, int outOff, int outW, int count, int r, int s, int sH, int dH);

    /**
     * One phase of the phase layout: {@code dst[d + k] = in[from + k * sW]} for {@code 0 <= k < n}.
     * A small method of its own so the JIT compiles it early and on its own (inside the long loop
     * of {@code Depthwise.Plan.run} it waited for an on-stack replacement).
     *
     * @param in input
     * @param from first input index
     * @param sW distance between the input values
     * @param n values to copy
     * @param dst destination
     * @param d first destination index
     */
    void strided(float[] in, int from, int sW, int n, float[] dst, int d) {
        for (int k = 0; k < n; k++) {
            dst[d + k] = in[from + k * sW];
        }
    }
}
