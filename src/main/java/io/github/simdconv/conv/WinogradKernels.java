package io.github.simdconv.conv;

/**
 * The two hot loops of {@link Winograd}: a sparse transform pass over rows of tiles and the
 * batched GEMM. {@link ScalarWinogradKernels} is always available; {@code VectorWinogradKernels}
 * is loaded only when {@link io.github.simdconv.simd.Simd#vectorEnabled()} is true.
 */
interface WinogradKernels {
    /** Micro-kernel rows: packed weight panels hold this many output channels. */
    int MR = 6;

    /** @return tile columns the GEMM computes at once; block widths are multiples of it */
    int nr();

    /**
     * {@code dst[r][t] = sum_q val[r][q] * src[idx[r][q]][t]} for every row {@code r} and
     * {@code t < width}, rows of src at {@code srcOff + j * srcStride}, of dst at
     * {@code dstOff + r * dstStride}.
     */
    void transform(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride,
            int[][] idx, float[][] val, int width);

    /**
     * {@code C[p*MR + r][t] = sum_c A[p][c][r] * B[c][t]} for {@code panels} panels of MR rows,
     * {@code t < width} (a multiple of {@link #nr()}); A packed as {@code [panel][c][MR]} from
     * aOff, B row-major with ldb from bOff, C row-major with ldc from cOff. C is overwritten.
     */
    void gemm(float[] a, int aOff, int panels, int depth, float[] b, int bOff, int ldb, int width,
            float[] c, int cOff, int ldc);
}
