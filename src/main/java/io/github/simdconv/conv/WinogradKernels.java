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
     * One pass of B^T of F(m x m, 3 x 3) over rows of tiles: {@code dst[r][t] = sum_j BT[r][j] src[j][t]}
     * for {@code t < width} (a multiple of {@link #nr()}), rows of src at {@code so + j * ss}, of
     * dst at {@code dOff + r * ds}.
     */
    void inputPass(int m, float[] src, int so, int ss, float[] dst, int dOff, int ds, int width);

    /** {@link #inputPass} with A^T (m output rows). */
    void outputPass(int m, float[] src, int so, int ss, float[] dst, int dOff, int ds, int width);

    /**
     * {@code C[p*MR + r][t] = sum_c A[p][c][r] * B[c][t]} for {@code panels} panels of MR rows,
     * {@code t < width} (a multiple of {@link #nr()}); A packed as {@code [panel][c][MR]} from
     * aOff, B row-major with ldb from bOff, C row-major with ldc from cOff. C is overwritten.
     */
    void gemm(float[] a, int aOff, int panels, int depth, float[] b, int bOff, int ldb, int width,
            float[] c, int cOff, int ldc);
}
