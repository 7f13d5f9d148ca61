package io.github.simdconv.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API {@link WinogradKernels} for {@code FloatVector.SPECIES_PREFERRED}. Load only after
 * {@link io.github.simdconv.simd.Simd#vectorEnabled()} returned true.
 */
final class VectorWinogradKernels implements WinogradKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    static final VectorWinogradKernels INSTANCE = new VectorWinogradKernels();

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
        int len = out.length;
        for (int g0 = 0, gi = 0, g = 0; g0 < nt; g0 += L, gi++, g += m) {
            int lo = baseMin[gi];
            int hi = baseMax[gi];
            for (int a = 0; a < m; a++) {
                long rb = rowBits[g + a];
                if (rb == 0) {
                    continue;
                }
                for (int b = 0; b < m; b++) {
                    long bits = rb & colBits[g + b];
                    if (bits != 0) {
                        FloatVector v = FloatVector.fromArray(S, y, (a * m + b) * blk + g0).add(bias);
                        if (relu) {
                            // blend, not max: NaN stays NaN as in torch.relu
                            v = v.blend(0f, v.lt(0f));
                        }
                        int o = chanOff + a * outW + b;
                        if (o + lo >= 0 && o + hi < len) {
                            v.intoArray(out, o, base, g0, VectorMask.fromLong(S, bits));
                        } else {
                            // masked-off lanes are range-checked too: store lane by lane near the ends
                            for (int l = 0; l < L; l++) {
                                if ((bits >>> l & 1) != 0) {
                                    out[o + base[g0 + l]] = v.lane(l);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
