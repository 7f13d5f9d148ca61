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
 * {@code bias[bOff + v * L + lane]} (zeros in padding lanes). When the tiles sum to more than the
 * row, the source has at least {@code MAX_TILE * sW} readable floats past every pixel of the row,
 * so the last tile may compute extra pixels (into scratch slack, never copied out).
 */
abstract class DirectKernel {
    /** Pixels of the widest register tile; scratch rows need this much slack. */
    static final int MAX_TILE = 12;

    /** @return the vector kernel when the Vector API runs, else the scalar kernel */
    static DirectKernel create() {
        return Simd.vectorEnabled() ? new DirectVectorKernel() : new DirectScalarKernel();
    }

    /** @return output channels per block (the vector length, 8 for the scalar kernel) */
    abstract int lanes();

    /**
     * @return pixels per register tile of {@link #pointwise}, or 0 if this kernel has no pointwise
     *     path (the scalar kernel runs pointwise convolutions through {@link #row})
     */
    int pointwiseTile() {
        return 0;
    }

    /**
     * The 1x1 (pointwise) GEMM: output channels {@code k0..k0+3} of pixels {@code [p0, p1)},
     * {@code out[o + q * plane + p] = bias[bOff + q] + sum_c w[wi + 4c + q] * in[a + c * plane + p]},
     * vectors along the pixels, NCHW in and out; channels {@code q >= kValid} are not stored.
     *
     * @param in input
     * @param a index of channel 0, pixel 0
     * @param plane pixels per channel (H * W)
     * @param cg input channels
     * @param w weights packed {@code [c][4]}
     * @param wi first packed weight
     * @param bias packed bias, 4 per block
     * @param bOff first bias
     * @param kValid channels of the 4 that exist
     * @param out output
     * @param o index of output channel k0, pixel 0
     * @param p0 first pixel
     * @param p1 one past the last pixel
     * @param relu whether to clamp negatives to zero
     */
    void pointwise(float[] in, int a, int plane, int cg, float[] w, int wi, float[] bias, int bOff, int kValid,
            float[] out, int o, int p0, int p1, boolean relu) {
        throw new UnsupportedOperationException("no pointwise path");
    }

    /**
     * Copies a channel-minor scratch row into output rows (the transpose back to NCHW):
     * {@code out[o + k * plane + x] = scratch[k + x * nbl]} for {@code k < kValid},
     * {@code x < width}. Writes nothing else.
     *
     * @param scratch the row {@link #row} wrote
     * @param nbl floats per pixel in the scratch row ({@code nb * L})
     * @param kValid output channels to copy (at most {@code nbl})
     * @param width pixels
     * @param out the output
     * @param o index of channel 0, pixel 0 of the row
     * @param plane distance between output channels
     */
    void storeRow(float[] scratch, int nbl, int kValid, int width, float[] out, int o, int plane) {
        for (int k = 0; k < kValid; k++) {
            int d = o + k * plane;
            for (int x = 0; x < width; x++) {
                out[d + x] = scratch[k + x * nbl];
            }
        }
    }

    /**
     * Copies {@code planes} planes of {@code rows} rows of {@code width} floats from a dense source
     * ({@code in[i + q * inPlane + y * width + x]}) into a strided destination
     * ({@code dst[d + q * dstPlane + y * dstRow + x]}): the interior of the padded input. Writes
     * nothing else (the borders stay as they are).
     *
     * @param in source
     * @param i index of plane 0, row 0, column 0 in the source
     * @param inPlane distance between source planes
     * @param width floats per row
     * @param rows rows per plane
     * @param planes planes
     * @param dst destination
     * @param d index of plane 0, row 0, column 0 in the destination
     * @param dstPlane distance between destination planes
     * @param dstRow distance between destination rows
     */
    void copyRows(float[] in, int i, int inPlane, int width, int rows, int planes, float[] dst, int d, int dstPlane,
            int dstRow) {
        for (int q = 0; q < planes; q++) {
            for (int y = 0; y < rows; y++) {
                System.arraycopy(in, i + q * inPlane + y * width, dst, d + q * dstPlane + y * dstRow, width);
            }
        }
    }

    /** @return the register-tile widths (pixels) this kernel has, 1 included */
    abstract int[] tileWidths();

    /**
     * Computes the pixels of one row for {@code nb} channel blocks, tile by tile.
     *
     * @param src padded (or raw, for pointwise) input
     * @param a0 index of pixel 0, channel 0, tap (0, 0)
     * @param off {@link #tapOffsets}: the same geometry as one table, {@code off[(c * R + i) * S + j]}
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
     * @param tiles tile widths from {@link #planTiles}; they may sum to more than the row only when over-reading is allowed
     * @param scratch output row, {@code (width + MAX_TILE) * nb * L} floats
     */
    abstract void row(float[] src, int a0, int[] off, int plane, int rowStep, int dW, int sW, int cg, int r, int s,
            float[] w, int wOff, int nb, float[] bias, int bOff, boolean relu, int[] tiles, float[] scratch);

    /**
     * The offsets of every (channel, tap) pair from tap (0, 0) of channel 0, in packed-weight order.
     *
     * @return {@code off[(c * r + i) * s + j] = c * plane + i * rowStep + j * dW}
     */
    static int[] tapOffsets(int cg, int r, int s, int plane, int rowStep, int dW) {
        int[] off = new int[cg * r * s];
        for (int c = 0; c < cg; c++) {
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < s; j++) {
                    off[(c * r + i) * s + j] = c * plane + i * rowStep + j * dW;
                }
            }
        }
        return off;
    }

    /**
     * Splits a row into register tiles, cheapest first by a small cost model: a tile of {@code t}
     * pixels costs {@code max(t, 4) + 1} per tap (2t FMAs on two FMA pipes, but fewer than 8
     * chains wait on the 4-cycle FMA latency; the +1 is re-streaming the weights). With over-read
     * the last tile may extend past the row (its extra pixels are computed and dropped).
     *
     * @param width pixels in the row
     * @param overread whether a tile may extend past the row
     * @param widths available tile widths, 1 included
     * @return the tile widths in order
     */
    static int[] planTiles(int width, boolean overread, int[] widths) {
        int[] best = new int[width + 1];
        int[] choice = new int[width + 1];
        for (int rem = 1; rem <= width; rem++) {
            best[rem] = Integer.MAX_VALUE;
            for (int t : widths) {
                if (t > rem && !overread) {
                    continue;
                }
                int cost = Math.max(t, 4) + 1 + best[Math.max(0, rem - t)];
                if (cost < best[rem]) {
                    best[rem] = cost;
                    choice[rem] = t;
                }
            }
        }
        int n = 0;
        for (int rem = width; rem > 0; rem -= choice[rem]) {
            n++;
        }
        int[] tiles = new int[n];
        n = 0;
        for (int rem = width; rem > 0; rem -= choice[rem]) {
            tiles[n++] = choice[rem];
        }
        return tiles;
    }
}
