package io.github.simdconv.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Packs blocks of a row-major B into {@code kc x NR} micro-panels with vector copies. */
final class VectorPackB {
    private VectorPackB() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int NR = Gemm.NR;

    /** Packs {@code B[k0:k0+kc, j0:j0+nc]} into kc x NR micro-panels, full panels with vector copies. */
    static void packB(float[] b, int bOff, int ldb, boolean transB, int k0, int kc, int j0, int nc, float[] d, int dOff) {
        if (transB) {
            Gemm.packBScalar(b, bOff, ldb, true, k0, kc, j0, nc, d, dOff);
            return;
        }
        int full = nc / NR;
        int cols = nc - full * NR;
        // row by row: B is read sequentially even when ldb is large (a whole image plane)
        for (int p = 0; p < kc; p++) {
            int src = bOff + (k0 + p) * ldb + j0;
            int dst = dOff + p * NR;
            for (int jp = 0; jp < full; jp++) {
                for (int v = 0; v < NR; v += L) {
                    FloatVector.fromArray(S, b, src + jp * NR + v).intoArray(d, dst + jp * kc * NR + v);
                }
            }
            if (cols > 0) {
                // the last, partial panel: scalar, zero-padded
                int o = dst + full * kc * NR;
                int s = src + full * NR;
                for (int j = 0; j < cols; j++) {
                    d[o + j] = b[s + j];
                }
                for (int j = cols; j < NR; j++) {
                    d[o + j] = 0f;
                }
            }
        }
    }
}
