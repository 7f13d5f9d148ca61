package io.github.simdconv.conv;

import io.github.simdconv.simd.Simd;

/**
 * The inner loop of {@link Depthwise}: output rows of one channel computed from a zero-padded copy
 * of the input rows they need, so there are no bounds checks.
 *
 * <p>Contract of {@link #rows}: output row {@code y} ({@code 0 <= y < count}), pixel {@code x}, is
 * {@code bias + sum_{i,j} w[wOff + i * S + j] * src[(y * sH + i * dH) * srcRow + x * sW + j * dW]},
 * then ReLU if asked, written to {@code out[outOff + y * outW + x]}. {@code src} has at least
 * {@code L * sW + 16} readable floats past the last one used, so a vector may over-read.
 */
abstract class DepthwiseKernel {
    /**
     * @param strideW horizontal stride (the vector kernel's gather pattern)
     * @return the vector kernel when the Vector API runs, else the scalar kernel
     */
    static DepthwiseKernel create(int strideW) {
        return Simd.vectorEnabled() ? new DepthwiseVectorKernel(strideW) : new DepthwiseScalarKernel();
    }

    /** @return floats a row may be read past its last used pixel */
    abstract int slack(int strideW);

    /**
     * @param src padded rows
     * @param srcRow distance between padded rows
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
     * @param sW horizontal stride
     * @param dH vertical dilation
     * @param dW horizontal dilation
     */
    abstract void rows(float[] src, int srcRow, float[] w, int wOff, float bias, boolean relu, float[] out,
            int outOff, int outW, int count, int r, int s, int sH, int sW, int dH, int dW);
}
