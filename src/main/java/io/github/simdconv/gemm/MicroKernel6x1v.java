package io.github.simdconv.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The half-width tail of {@link MicroKernel6x2v}: a {@code 6 x 1}-vector tile for the last
 * micro-panel of B when at most one vector of columns is left (e.g. 196 = 6 x 32 + 4 output
 * pixels of a 14 x 14 layer with 16-lane vectors), so that panel costs half the FMAs. It reads
 * the first vector of each row of the same zero-padded {@code kc x NR} panel. Same contract
 * and write-back order as the full kernel; rows generated like its (src/tools/gen_microkernel.py).
 */
final class MicroKernel6x1v {
    private MicroKernel6x1v() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int NR = 2 * L;

    static void tile(float[] a, int ao, float[] b, int bo, int kc,
            float[] c, int co, int ldc, int lo, int hi, int cols,
            boolean loadC, float[] bias, int biasOff, boolean relu, float[] t) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * 6;
            FloatVector b0 = FloatVector.fromArray(S, b, bo + p * NR);
            c0 = FloatVector.broadcast(S, a[ai + 0]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[ai + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[ai + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[ai + 3]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, a[ai + 4]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, a[ai + 5]).fma(b0, c5);
        }
        if (lo == 0 && hi == 6 && cols == L) {
            if (loadC) {
                c0 = c0.add(FloatVector.fromArray(S, c, co + 0 * ldc));
                c1 = c1.add(FloatVector.fromArray(S, c, co + 1 * ldc));
                c2 = c2.add(FloatVector.fromArray(S, c, co + 2 * ldc));
                c3 = c3.add(FloatVector.fromArray(S, c, co + 3 * ldc));
                c4 = c4.add(FloatVector.fromArray(S, c, co + 4 * ldc));
                c5 = c5.add(FloatVector.fromArray(S, c, co + 5 * ldc));
            }
            if (bias != null) {
                c0 = c0.add(FloatVector.broadcast(S, bias[biasOff + 0]));
                c1 = c1.add(FloatVector.broadcast(S, bias[biasOff + 1]));
                c2 = c2.add(FloatVector.broadcast(S, bias[biasOff + 2]));
                c3 = c3.add(FloatVector.broadcast(S, bias[biasOff + 3]));
                c4 = c4.add(FloatVector.broadcast(S, bias[biasOff + 4]));
                c5 = c5.add(FloatVector.broadcast(S, bias[biasOff + 5]));
            }
            if (relu) {
                c0 = c0.blend(0f, c0.lt(0f));
                c1 = c1.blend(0f, c1.lt(0f));
                c2 = c2.blend(0f, c2.lt(0f));
                c3 = c3.blend(0f, c3.lt(0f));
                c4 = c4.blend(0f, c4.lt(0f));
                c5 = c5.blend(0f, c5.lt(0f));
            }
            c0.intoArray(c, co + 0 * ldc);
            c1.intoArray(c, co + 1 * ldc);
            c2.intoArray(c, co + 2 * ldc);
            c3.intoArray(c, co + 3 * ldc);
            c4.intoArray(c, co + 4 * ldc);
            c5.intoArray(c, co + 5 * ldc);
        } else {
            c0.intoArray(t, 0 * NR);
            c1.intoArray(t, 1 * NR);
            c2.intoArray(t, 2 * NR);
            c3.intoArray(t, 3 * NR);
            c4.intoArray(t, 4 * NR);
            c5.intoArray(t, 5 * NR);
            Gemm.writeBack(t, c, co, ldc, lo, hi, cols, loadC, bias, biasOff, relu);
        }
    }
}
