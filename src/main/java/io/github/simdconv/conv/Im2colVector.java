package io.github.simdconv.conv;

import io.github.simdconv.gemm.Gemm;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector im2col of {@link Im2colGemm} for convolutions whose output rows are as wide as the
 * input rows at stride 1 ("same" padding along x): there, tap {@code t} of input channel
 * {@code c} reads input element {@code c * H * W + tapOffset[t] + q} for output pixel {@code q},
 * a contiguous run for the whole micro-panel, with the lanes whose tap falls into the padding
 * masked to zero. So a {@code kc x NR} panel is {@code kc * NR / L} masked vector loads and
 * stores, instead of one copy per output row (runs of 28 or 14 floats, which cost a quarter of
 * the convolution's time). Loaded only when the Vector API is enabled.
 */
final class Im2colVector {
    private Im2colVector() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    /**
     * Writes rows {@code [k0, k0 + kc)} of the column matrix for the panel of output pixels
     * starting at {@code q} into {@code col} from {@code off} ({@code Gemm.NR} floats per row).
     *
     * @param x the input
     * @param inBase index of the group's first input channel
     * @param hw input plane size
     * @param taps kernel taps per channel ({@code R * S})
     * @param tapOffset per tap: input offset of pixel 0's tap (may be negative)
     * @param valid per tap, {@code validStride} flags: whether pixel q's tap lies inside the
     *     image; false past the last pixel (the zero-padded columns of the last panel)
     * @param validStride flags per tap ({@code >= pixels + NR})
     */
    static void pack(float[] x, int inBase, int hw, int taps, int[] tapOffset, boolean[] valid, int validStride,
            int k0, int kc, int q, float[] col, int off) {
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int t = 0; t < taps; t++) {
            lo = Math.min(lo, tapOffset[t]);
            hi = Math.max(hi, tapOffset[t]);
        }
        int c0 = k0 / taps;
        int c1 = (k0 + kc - 1) / taps;
        long first = (long) inBase + (long) c0 * hw + lo + q;
        long end = (long) inBase + (long) c1 * hw + hi + q + Gemm.NR;
        if (first >= 0 && end <= x.length) {
            packInside(x, inBase, hw, taps, tapOffset, valid, validStride, k0, kc, q, col, off);
        } else {
            packEdge(x, inBase, hw, taps, tapOffset, valid, validStride, k0, kc, q, col, off);
        }
    }

    /** Every vector of the panel lies inside {@code x}: masked loads only. */
    private static void packInside(float[] x, int inBase, int hw, int taps, int[] tapOffset, boolean[] valid,
            int validStride, int k0, int kc, int q, float[] col, int off) {
        final int nr = Gemm.NR;
        int c = k0 / taps;
        int t = k0 - c * taps;
        int plane = inBase + c * hw;
        for (int p = 0; p < kc; p++) {
            int src = plane + tapOffset[t] + q;
            int vb = t * validStride + q;
            int d = off + p * nr;
            for (int v = 0; v < nr; v += L) {
                VectorMask<Float> m = VectorMask.fromArray(S, valid, vb + v);
                FloatVector.fromArray(S, x, src + v, m).intoArray(col, d + v);
            }
            if (++t == taps) {
                t = 0;
                plane += hw;
            }
        }
    }

    /**
     * A panel with vectors that start before {@code x} or run past its end (the first and last
     * panels of an exactly sized input): those vectors lane by lane, the rest as above. Not a
     * masked load there: out of range it takes the Vector API's per-lane check
     * (AbstractMask.checkIndexByLane), which allocates unless C2 inlines shared JDK code whose
     * profile the rest of the program shapes. In the full test JVM it cost 1.8 KB per forward
     * pass of a 10x10 ResNet block (JFR, AllocationTest). Checked per panel, not per vector: a
     * branch in the inner loop cost about 5% of im2col's time on resnet_3x3_28.
     */
    private static void packEdge(float[] x, int inBase, int hw, int taps, int[] tapOffset, boolean[] valid,
            int validStride, int k0, int kc, int q, float[] col, int off) {
        final int nr = Gemm.NR;
        int c = k0 / taps;
        int t = k0 - c * taps;
        int plane = inBase + c * hw;
        for (int p = 0; p < kc; p++) {
            int src = plane + tapOffset[t] + q;
            int vb = t * validStride + q;
            int d = off + p * nr;
            for (int v = 0; v < nr; v += L) {
                int s = src + v;
                if (s >= 0 && s <= x.length - L) {
                    VectorMask<Float> m = VectorMask.fromArray(S, valid, vb + v);
                    FloatVector.fromArray(S, x, s, m).intoArray(col, d + v);
                } else {
                    for (int l = 0; l < L; l++) {
                        col[d + v + l] = valid[vb + v + l] ? x[s + l] : 0f;
                    }
                }
            }
            if (++t == taps) {
                t = 0;
                plane += hw;
            }
        }
    }
}
