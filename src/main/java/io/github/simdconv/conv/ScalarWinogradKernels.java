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

    @Override
    public int panelRows(int tiles) {
        return 6;
    }

    @Override
    public int widthUnit() {
        return 1;
    }

    @Override
    public void multiply(int mr, float[] u, int uo, int p0, int p1, int kRows, int cpg,
            float[] v, int vo, int ldv, int width, float[] m, int mo, int ldm) {
        for (int k = p0 * mr; k < Math.min(kRows, p1 * mr); k++) {
            int ub = uo + (k / mr) * cpg * mr + k % mr;
            int mi = mo + k * ldm;
            for (int t = 0; t < width; t++) {
                float acc = 0f;
                for (int c = 0; c < cpg; c++) {
                    acc = Math.fma(u[ub + c * mr], v[vo + c * ldv + t], acc);
                }
                m[mi + t] = acc;
            }
        }
    }

    @Override
    public void copyRuns(float[] src, int srcBase, int[] srcOff, float[] dst, int dstBase, int[] dstOff, int[] len, int n) {
        for (int e = 0; e < n; e++) {
            System.arraycopy(src, srcBase + srcOff[e], dst, dstBase + dstOff[e], len[e]);
        }
    }

    @Override
    public boolean linearGather(int m) {
        return true;
    }

    @Override
    public void deinterleave(int m, float[] r, int rs, int nt, int alpha, float[] dd, int blk) {
        for (int i = 0; i < alpha; i++) {
            for (int j = 0; j < alpha; j++) {
                int src = i * rs + j;
                int dst = (i * alpha + j) * blk;
                for (int t = 0; t < nt; t++) {
                    dd[dst + t] = r[src + m * t];
                }
            }
        }
    }

    @Override
    public void interleave(int m, float[] y, int blk, int nt, float bias, boolean relu, float[] r, int rs) {
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                int src = (a * m + b) * blk;
                int dst = a * rs + b;
                for (int t = 0; t < nt; t++) {
                    float v = y[src + t] + bias;
                    // v < 0 is false for NaN: NaN propagates as in torch.relu
                    r[dst + m * t] = relu && v < 0f ? 0f : v;
                }
            }
        }
    }

    @Override
    public int groupLanes() {
        return 64;
    }

    @Override
    public void gather(float[] in, int chanOff, int inW, int[] base, int[] baseMin, int[] baseMax,
            long[] rowBits, long[] colBits, int nt, int[] breaks, int nBreaks,
            int alpha, int m, float[] dd, int blk) {
        for (int t = 0; t < nt; t++) {
            int g = (t >>> 6) * alpha;
            long bit = 1L << (t & 63);
            int src = chanOff + base[t];
            int dst = t;
            for (int i = 0; i < alpha; i++) {
                boolean rowIn = (rowBits[g + i] & bit) != 0;
                for (int j = 0; j < alpha; j++) {
                    dd[dst] = rowIn && (colBits[g + j] & bit) != 0 ? in[src + j] : 0f;
                    dst += blk;
                }
                src += inW;
            }
        }
    }

    @Override
    public void scatter(float[] y, int blk, int m, float bias, boolean relu, float[] out, int chanOff, int outW,
            int[] base, int[] baseMin, int[] baseMax, long[] rowBits, long[] colBits, int nt) {
        for (int t = 0; t < nt; t++) {
            int g = (t >>> 6) * m;
            long bit = 1L << (t & 63);
            int dst = chanOff + base[t];
            for (int a = 0; a < m; a++) {
                if ((rowBits[g + a] & bit) != 0) {
                    int src = a * m * blk + t;
                    for (int b = 0; b < m; b++) {
                        if ((colBits[g + b] & bit) != 0) {
                            float v = y[src + b * blk] + bias;
                            // v < 0 is false for NaN: NaN propagates as in torch.relu
                            out[dst + b] = relu && v < 0f ? 0f : v;
                        }
                    }
                }
                dst += outW;
            }
        }
    }
}
