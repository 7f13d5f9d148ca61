package io.github.simdconv.conv;

/** Scalar {@link WinogradKernels}: the same blocking as the vector kernels, plain loops. */
final class ScalarWinogradKernels implements WinogradKernels {
    static final ScalarWinogradKernels INSTANCE = new ScalarWinogradKernels();

    private static final int[][][] BT_IDX = new int[7][][];
    private static final float[][][] BT_VAL = new float[7][][];
    private static final int[][][] AT_IDX = new int[7][][];
    private static final float[][][] AT_VAL = new float[7][][];

    static {
        for (int m = 2; m <= 6; m += 2) {
            WinogradTransform t = WinogradTransform.of(m);
            BT_IDX[m] = WinogradTransform.nonzeroColumns(t.bt);
            BT_VAL[m] = WinogradTransform.nonzeroValues(t.bt);
            AT_IDX[m] = WinogradTransform.nonzeroColumns(t.at);
            AT_VAL[m] = WinogradTransform.nonzeroValues(t.at);
        }
    }

    private ScalarWinogradKernels() {}

    @Override
    public void inputPass(int m, float[] src, int so, int ss, float[] dst, int dOff, int ds, int width) {
        transform(src, so, ss, dst, dOff, ds, BT_IDX[m], BT_VAL[m], width);
    }

    @Override
    public void outputPass(int m, float[] src, int so, int ss, float[] dst, int dOff, int ds, int width) {
        transform(src, so, ss, dst, dOff, ds, AT_IDX[m], AT_VAL[m], width);
    }

    /** dst[r][t] = sum_q val[r][q] * src[idx[r][q]][t]: the sparse matrix applied row by row. */
    private static void transform(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride,
            int[][] idx, float[][] val, int width) {
        for (int r = 0; r < idx.length; r++) {
            int[] ix = idx[r];
            float[] vv = val[r];
            int d = dstOff + r * dstStride;
            int s0 = srcOff + ix[0] * srcStride;
            float v0 = vv[0];
            for (int t = 0; t < width; t++) {
                dst[d + t] = v0 * src[s0 + t];
            }
            for (int q = 1; q < ix.length; q++) {
                int s = srcOff + ix[q] * srcStride;
                float v = vv[q];
                for (int t = 0; t < width; t++) {
                    dst[d + t] = Math.fma(v, src[s + t], dst[d + t]);
                }
            }
        }
    }
}
