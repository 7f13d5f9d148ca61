package io.github.simdconv.conv;

import io.github.simdconv.simd.Simd;

/**
 * The inner loop of {@link Direct}: one row of output pixels for one or two blocks of {@code L}
 * output channels, written channel-minor into a scratch row ({@code scratch[x * nb * L + v * L + lane]}).
 *
 * <p>Contract of {@link #row}: {@code src[a0 + x * sW + c * plane + i * rowStep + j * dW]} is the
 * input value under kernel tap {@code (i, j)} of channel {@code c} for output pixel {@code x}
 * (padding is already materialized as zeros, so there are no bounds to check); the packed weights
 * at {@code w[wOff + ((c * R + i) * S + j) * nb * L + v * L + lane]} and the packed bias at
 * {@code bias[bOff + v * L + lane]} (zeros in padding lanes). When {@code overread} is true the
 * source has at least {@code 6 * sW} readable floats past every pixel of the row, so a partial
 * tile may compute extra pixels (into scratch slack, never copied out).
 */
abstract class DirectKernel {
    /** Pixels of the widest register tile; scratch rows need this much slack. */
    static final int MAX_TILE = 6;

    /** @return the vector kernel when the Vector API runs, else the scalar kernel */
    static DirectKernel create() {
        return Simd.vectorEnabled() ? new DirectVectorKernel() : new DirectScalarKernel();
    }

    /** @return output channels per block (the vector length, 8 for the scalar kernel) */
    abstract int lanes();

    /**
     * Computes {@code width} output pixels of one row for {@code nb} channel blocks.
     *
     * @param src padded (or raw, for pointwise) input
     * @param a0 index of pixel 0, channel 0, tap (0, 0)
     * @param plane distance between input channels
     * @param rowStep distance between kernel rows ({@code dilationH * rowStride})
     * @param dW distance between kernel columns
     * @param sW distance between output pixels
     * @param cg input channels
     * @param r kernel height
     * @param s kernel width
     * @param w packed weights
     * @param wOff first packed weight of this block pair
     * @param nb channel blocks (1 or 2)
     * @param bias packed bias
     * @param bOff first bias of this block pair
     * @param relu whether to clamp negatives to zero
     * @param width pixels in this row
     * @param overread whether partial tiles may read past the row (see class doc)
     * @param scratch output row, {@code (width + MAX_TILE) * nb * L} floats
     */
    abstract void row(float[] src, int a0, int plane, int rowStep, int dW, int sW, int cg, int r, int s,
            float[] w, int wOff, int nb, float[] bias, int bOff, boolean relu, int width, boolean overread,
            float[] scratch);

    /**
     * Width of the next register tile: 6 or 4 pixels, avoiding short tails (8 = 4 + 4,
     * 7 = 4 + 3); with over-read a tail is rounded up to a tile, otherwise it is done pixel by pixel.
     *
     * @param rem pixels left in the row
     * @param overread whether a tile may extend past the row
     * @return 6, 4 or 1
     */
    static int tile(int rem, boolean overread) {
        if (rem == 8 || rem == 7 || rem == 4) {
            return 4;
        }
        if (rem >= 6) {
            return 6;
        }
        if (rem == 5) {
            return overread ? 6 : 4;
        }
        return overread ? 4 : 1;
    }
}
