package io.github.simdconv.conv;

/**
 * The transform passes of {@link Winograd} over rows of tiles (the batched GEMMs run on
 * {@link io.github.simdconv.gemm.Gemm}). {@link ScalarWinogradKernels} is always available; {@code VectorWinogradKernels}
 * is loaded only when {@link io.github.simdconv.simd.Simd#vectorEnabled()} is true.
 */
interface WinogradKernels {
    /**
     * One pass of B^T of F(m x m, 3 x 3) over rows of tiles: {@code dst[r][t] = sum_j BT[r][j] src[j][t]}
     * for {@code t < width} (a multiple of the vector length), rows of src at {@code so + j * ss}, of
     * dst at {@code dOff + r * ds}.
     */
    void inputPass(int m, float[] src, int so, int ss, float[] dst, int dOff, int ds, int width);

    /** {@link #inputPass} with A^T (m output rows). */
    void outputPass(int m, float[] src, int so, int ss, float[] dst, int dOff, int ds, int width);
}
