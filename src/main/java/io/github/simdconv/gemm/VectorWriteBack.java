package io.github.simdconv.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector write-back of a micro-kernel's tile (row-major {@code MR x NR} in the workspace tile) to
 * C: rows {@code [lo, hi)}, the first {@code cols} columns; {@code ((acc + C) + bias)}, then ReLU,
 * the same operation order as the scalar {@link Gemm#writeBack}, so both give identical bits.
 */
final class VectorWriteBack {
    private VectorWriteBack() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    static void apply(float[] t, float[] c, int co, int ldc, int lo, int hi, int cols,
            boolean loadC, float[] bias, int biasOff, boolean relu) {
        final int nr = Gemm.NR;
        final int full = cols - cols % L;
        for (int i = lo; i < hi; i++) {
            int o = co + i * ldc;
            int ti = i * nr;
            float bv = bias != null ? bias[biasOff + i] : 0f;
            for (int j = 0; j < full; j += L) {
                FloatVector v = FloatVector.fromArray(S, t, ti + j);
                if (loadC) {
                    v = v.add(FloatVector.fromArray(S, c, o + j));
                }
                if (bias != null) {
                    v = v.add(bv);
                }
                if (relu) {
                    // lt + blend rather than max: keeps NaN and -0.0 exactly like Activation.RELU
                    v = v.blend(0f, v.lt(0f));
                }
                v.intoArray(c, o + j);
            }
            for (int j = full; j < cols; j++) {
                float v = t[ti + j];
                if (loadC) {
                    v += c[o + j];
                }
                if (bias != null) {
                    v += bv;
                }
                c[o + j] = relu && v < 0f ? 0f : v;
            }
        }
    }
}
