package io.github.simdconv.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API {@link WinogradKernels} for {@code FloatVector.SPECIES_PREFERRED}. Load only after
 * {@link io.github.simdconv.simd.Simd#vectorEnabled()} returned true.
 */
final class VectorWinogradKernels implements WinogradKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    static final VectorWinogradKernels INSTANCE = new VectorWinogradKernels();

    /**
     * Two-vector shuffle indices (0 .. 2L-1 into the concatenation of two vectors; fromArray maps
     * L.. to the second one), in static finals so C2 sees them as constants. SEL: the 2-way
     * deinterleave (column j of 2 tiles' pairs) and the two levels of the 4-way one; INV: their
     * inverses.
     */
    private static final VectorShuffle<Float> SEL2_0 = shuffle(0, 0);
    private static final VectorShuffle<Float> SEL2_1 = shuffle(0, 1);
    private static final VectorShuffle<Float> SEL4A_0 = shuffle(1, 0);
    private static final VectorShuffle<Float> SEL4A_1 = shuffle(1, 1);
    private static final VectorShuffle<Float> SEL4B_0 = shuffle(2, 0);
    private static final VectorShuffle<Float> SEL4B_1 = shuffle(2, 1);
    private static final VectorShuffle<Float> INV2_0 = shuffle(3, 0);
    private static final VectorShuffle<Float> INV2_1 = shuffle(3, 1);
    private static final VectorShuffle<Float> INV4A_0 = shuffle(4, 0);
    private static final VectorShuffle<Float> INV4A_1 = shuffle(4, 1);
    private static final VectorShuffle<Float> INV4B_0 = shuffle(5, 0);
    private static final VectorShuffle<Float> INV4B_1 = shuffle(5, 1);

    private static VectorShuffle<Float> shuffle(int kind, int j) {
        int h2 = L / 2;
        int[] idx = new int[L];
        for (int l = 0; l < L; l++) {
            int q = j * L + l; // position in the concatenation of two outputs (INV kinds)
            idx[l] = switch (kind) {
                // 2-way: column j of tile l
                case 0 -> 2 * l + j;
                // 4-way level 1: lanes l < L/2 take column 2j of tile l, the rest column 2j+1 of tile l - L/2
                case 1 -> l < h2 ? 4 * l + 2 * j : 4 * (l - h2) + 2 * j + 1;
                // 4-way level 2: tile l's column (2h + j) from the first (tiles < L/2) or second level-1 vector
                case 2 -> l < h2 ? j * h2 + l : L + j * h2 + (l - h2);
                // inverse 2-way: position q holds column q % 2 of tile q / 2
                case 3 -> q % 2 * L + q / 2;
                // inverse 4-way level 1: half j of the tiles, columns 2h (lanes < L/2) and 2h+1
                case 4 -> l < h2 ? j * h2 + l : L + j * h2 + (l - h2);
                // inverse 4-way level 2: position q of a half holds column q % 4 of tile q / 4
                default -> q % 4 / 2 * L + q % 2 * h2 + q / 4;
            };
        }
        return VectorShuffle.fromArray(S, idx, 0);
    }

    private VectorWinogradKernels() {}

    @Override
    public void inputPass(int m, float[] src, int so, int ss, float[] dst, int dOff, int ds, int width) {
        switch (m) {
            case 2 -> VectorWinogradTransforms.input2(src, so, ss, dst, dOff, ds, width);
            case 4 -> VectorWinogradTransforms.input4(src, so, ss, dst, dOff, ds, width);
            default -> VectorWinogradTransforms.input6(src, so, ss, dst, dOff, ds, width);
        }
    }

    @Override
    public void outputPass(int m, float[] src, int so, int ss, float[] dst, int dOff, int ds, int width) {
        switch (m) {
            case 2 -> VectorWinogradTransforms.output2(src, so, ss, dst, dOff, ds, width);
            case 4 -> VectorWinogradTransforms.output4(src, so, ss, dst, dOff, ds, width);
            default -> VectorWinogradTransforms.output6(src, so, ss, dst, dOff, ds, width);
        }
    }

    @Override
    public int panelRows(int tiles) {
        return VectorWinogradGemm.panelRows((tiles + L - 1) / L);
    }

    @Override
    public int widthUnit() {
        return L;
    }

    @Override
    public void multiply(int mr, float[] u, int uo, int p0, int p1, int kRows, int cpg,
            float[] v, int vo, int ldv, int width, float[] m, int mo, int ldm) {
        VectorWinogradGemm.multiply(mr, u, uo, p0, p1, kRows, cpg, v, vo, ldv, width, m, mo, ldm);
    }

    @Override
    public void copyRuns(float[] src, int srcBase, int[] srcOff, float[] dst, int dstBase, int[] dstOff, int[] len, int n) {
        // whole vectors, the last one overlapping the one before it (the same values written
        // twice) instead of a call to the arraycopy stub per row: a 28-pixel row is two loads
        for (int e = 0; e < n; e++) {
            int s = srcBase + srcOff[e];
            int d = dstBase + dstOff[e];
            int l = len[e];
            if (l < L) {
                System.arraycopy(src, s, dst, d, l);
                continue;
            }
            for (int k = 0; k < l - L; k += L) {
                FloatVector.fromArray(S, src, s + k).intoArray(dst, d + k);
            }
            FloatVector.fromArray(S, src, s + l - L).intoArray(dst, d + l - L);
        }
    }

    @Override
    public boolean linearGather(int m) {
        return (m == 2 || m == 4) && L % 2 == 0;
    }

    @Override
    public void deinterleave(int m, float[] r, int rs, int nt, int alpha, float[] dd, int blk) {
        for (int i = 0; i < alpha; i++) {
            int src = i * rs;
            int dst = i * alpha * blk;
            if (m == 4) {
                VectorShuffle<Float> s0 = SEL4A_0;
                VectorShuffle<Float> s1 = SEL4A_1;
                VectorShuffle<Float> u0 = SEL4B_0;
                VectorShuffle<Float> u1 = SEL4B_1;
                for (int g0 = 0; g0 < nt; g0 += L) {
                    int o = src + 4 * g0;
                    FloatVector a0 = FloatVector.fromArray(S, r, o);
                    FloatVector a1 = FloatVector.fromArray(S, r, o + L);
                    FloatVector a2 = FloatVector.fromArray(S, r, o + 2 * L);
                    FloatVector a3 = FloatVector.fromArray(S, r, o + 3 * L);
                    FloatVector x00 = a0.rearrange(s0, a1);
                    FloatVector x01 = a0.rearrange(s1, a1);
                    FloatVector x10 = a2.rearrange(s0, a3);
                    FloatVector x11 = a2.rearrange(s1, a3);
                    x00.rearrange(u0, x10).intoArray(dd, dst + g0);
                    x00.rearrange(u1, x10).intoArray(dd, dst + blk + g0);
                    x01.rearrange(u0, x11).intoArray(dd, dst + 2 * blk + g0);
                    x01.rearrange(u1, x11).intoArray(dd, dst + 3 * blk + g0);
                }
            } else {
                VectorShuffle<Float> s0 = SEL2_0;
                VectorShuffle<Float> s1 = SEL2_1;
                for (int g0 = 0; g0 < nt; g0 += L) {
                    int o = src + 2 * g0;
                    FloatVector a0 = FloatVector.fromArray(S, r, o);
                    FloatVector a1 = FloatVector.fromArray(S, r, o + L);
                    a0.rearrange(s0, a1).intoArray(dd, dst + g0);
                    a0.rearrange(s1, a1).intoArray(dd, dst + blk + g0);
                }
            }
            // columns m..alpha-1 of tile t = columns 0..alpha-m-1 of tile t+1: a load shifted by one lane
            for (int j = m; j < alpha; j++) {
                int s = (i * alpha + j - m) * blk + 1;
                int d = (i * alpha + j) * blk;
                for (int g0 = 0; g0 < nt; g0 += L) {
                    FloatVector.fromArray(S, dd, s + g0).intoArray(dd, d + g0);
                }
            }
        }
    }

    @Override
    public void interleave(int m, float[] y, int blk, int nt, float bias, boolean relu, float[] r, int rs) {
        for (int a = 0; a < m; a++) {
            int src = a * m * blk;
            int dst = a * rs;
            for (int g0 = 0; g0 < nt; g0 += L) {
                // blend, not max: NaN stays NaN as in torch.relu
                FloatVector y0 = FloatVector.fromArray(S, y, src + g0).add(bias);
                FloatVector y1 = FloatVector.fromArray(S, y, src + blk + g0).add(bias);
                if (relu) {
                    y0 = y0.blend(0f, y0.lt(0f));
                    y1 = y1.blend(0f, y1.lt(0f));
                }
                if (m == 4) {
                    FloatVector y2 = FloatVector.fromArray(S, y, src + 2 * blk + g0).add(bias);
                    FloatVector y3 = FloatVector.fromArray(S, y, src + 3 * blk + g0).add(bias);
                    if (relu) {
                        y2 = y2.blend(0f, y2.lt(0f));
                        y3 = y3.blend(0f, y3.lt(0f));
                    }
                    VectorShuffle<Float> p0 = INV4A_0;
                    VectorShuffle<Float> p1 = INV4A_1;
                    VectorShuffle<Float> q0 = INV4B_0;
                    VectorShuffle<Float> q1 = INV4B_1;
                    // level 1: X[q][h] = half q of the tiles, columns 2h and 2h+1
                    FloatVector x00 = y0.rearrange(p0, y1);
                    FloatVector x10 = y0.rearrange(p1, y1);
                    FloatVector x01 = y2.rearrange(p0, y3);
                    FloatVector x11 = y2.rearrange(p1, y3);
                    int o = dst + 4 * g0;
                    x00.rearrange(q0, x01).intoArray(r, o);
                    x00.rearrange(q1, x01).intoArray(r, o + L);
                    x10.rearrange(q0, x11).intoArray(r, o + 2 * L);
                    x10.rearrange(q1, x11).intoArray(r, o + 3 * L);
                } else {
                    int o = dst + 2 * g0;
                    y0.rearrange(INV2_0, y1).intoArray(r, o);
                    y0.rearrange(INV2_1, y1).intoArray(r, o + L);
                }
            }
        }
    }

    @Override
    public int groupLanes() {
        return L;
    }

    @Override
    public void gather(float[] in, int chanOff, int inW, int[] base, int[] baseMin, int[] baseMax,
            long[] rowBits, long[] colBits, int nt, int[] breaks, int nBreaks, int alpha, int m,
            float[] dd, int blk) {
        // one masked gather per patch position and L tiles: padding lanes are masked off and read
        // as 0. The Vector API range-checks masked-off lanes too, so a group whose addresses may
        // leave the array (first/last rows of the whole input) is copied lane by lane instead.
        FloatVector zero = FloatVector.zero(S);
        int len = in.length;
        for (int g0 = 0, gi = 0, g = 0; g0 < nt; g0 += L, gi++, g += alpha) {
            int lo = baseMin[gi];
            int hi = baseMax[gi];
            for (int i = 0; i < alpha; i++) {
                long rb = rowBits[g + i];
                int src = chanOff + i * inW;
                int dst = i * alpha * blk + g0;
                // only the first m columns: the other alpha - m are the next tile's first ones
                for (int j = 0; j < m; j++) {
                    long bits = rb & colBits[g + j];
                    if (bits == 0) {
                        zero.intoArray(dd, dst);
                    } else if (src + j + lo >= 0 && src + j + hi < len) {
                        FloatVector.fromArray(S, in, src + j, base, g0, VectorMask.fromLong(S, bits)).intoArray(dd, dst);
                    } else {
                        for (int l = 0; l < L; l++) {
                            dd[dst + l] = (bits >>> l & 1) != 0 ? in[src + j + base[g0 + l]] : 0f;
                        }
                    }
                    dst += blk;
                }
            }
        }
        // columns m..alpha-1 of tile t = columns 0..alpha-m-1 of tile t+1: a load shifted by one lane
        for (int i = 0; i < alpha; i++) {
            for (int j = m; j < alpha; j++) {
                int src = (i * alpha + j - m) * blk + 1;
                int dst = (i * alpha + j) * blk;
                for (int g0 = 0; g0 < nt; g0 += L) {
                    FloatVector.fromArray(S, dd, src + g0).intoArray(dd, dst + g0);
                }
            }
        }
        // tiles whose neighbour is not tile t+1 (row ends, the block's last tile) read them directly
        for (int q = 0; q < nBreaks; q++) {
            int t = breaks[q];
            int g = t / L * alpha;
            long bit = 1L << (t % L);
            int src = chanOff + base[t];
            for (int i = 0; i < alpha; i++) {
                boolean rowIn = (rowBits[g + i] & bit) != 0;
                for (int j = m; j < alpha; j++) {
                    dd[(i * alpha + j) * blk + t] = rowIn && (colBits[g + j] & bit) != 0 ? in[src + i * inW + j] : 0f;
                }
            }
        }
    }

    @Override
    public void scatter(float[] y, int blk, int m, float bias, boolean relu, float[] out, int chanOff, int outW,
            int[] base, int[] baseMin, int[] baseMax, long[] rowBits, long[] colBits, int nt) {
        // lane by lane (only F(6x6) comes here; F(2x2)/F(4x4) interleave and copy rows): the masked
        // vector scatter (intoArray with an index map) fell back to Java code that allocates in a
        // long-running test JVM once it was F(6x6)'s alone
        for (int g0 = 0, g = 0; g0 < nt; g0 += L, g += m) {
            for (int a = 0; a < m; a++) {
                long rb = rowBits[g + a];
                if (rb == 0) {
                    continue;
                }
                for (int b = 0; b < m; b++) {
                    long bits = rb & colBits[g + b];
                    int src = (a * m + b) * blk + g0;
                    int o = chanOff + a * outW + b;
                    while (bits != 0) {
                        int l = Long.numberOfTrailingZeros(bits);
                        bits &= bits - 1;
                        float v = y[src + l] + bias;
                        // v < 0 is false for NaN: NaN propagates as in torch.relu
                        out[o + base[g0 + l]] = relu && v < 0f ? 0f : v;
                    }
                }
            }
        }
    }
}
