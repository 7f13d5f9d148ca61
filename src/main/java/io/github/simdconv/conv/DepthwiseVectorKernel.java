package io.github.simdconv.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector {@link DepthwiseKernel}: vectors run along the output width, four at a time so that four
 * FMA chains overlap (a single chain of {@code R * S} dependent FMAs would wait on the FMA latency).
 * The last group of a row is computed in full, over-reading into the buffer's slack, and only its
 * pixels inside the row are stored (masked). Loaded only when {@code Simd.vectorEnabled()}.
 */
final class DepthwiseVectorKernel extends DepthwiseKernel {
    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    private static final int L = SP.length();

    @Override
    void rows(float[] src, int srcRow, int[] colOff, float[] w, int wOff, float bias, boolean relu,
            float[] out, int outOff, int outW, int count, int r, int s, int sH, int dH) {
        int rowStep = dH * srcRow;
        FloatVector zero = FloatVector.zero(SP);
        for (int y = 0; y < count; y++) {
            int base = y * sH * srcRow;
            int o = outOff + y * outW;
            for (int x = 0; x < outW; x += 4 * L) {
                FloatVector a0 = FloatVector.broadcast(SP, bias);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                int wi = wOff;
                for (int i = 0; i < r; i++) {
                    int ai = base + i * rowStep + x;
                    for (int j = 0; j < s; j++) {
                        int a = ai + colOff[j];
                        FloatVector wv = FloatVector.broadcast(SP, w[wi++]);
                        a0 = FloatVector.fromArray(SP, src, a).fma(wv, a0);
                        a1 = FloatVector.fromArray(SP, src, a + L).fma(wv, a1);
                        a2 = FloatVector.fromArray(SP, src, a + 2 * L).fma(wv, a2);
                        a3 = FloatVector.fromArray(SP, src, a + 3 * L).fma(wv, a3);
                    }
                }
                if (relu) {
                    a0 = a0.blend(zero, a0.lt(0f));
                    a1 = a1.blend(zero, a1.lt(0f));
                    a2 = a2.blend(zero, a2.lt(0f));
                    a3 = a3.blend(zero, a3.lt(0f));
                }
                if (x + 4 * L <= outW) {
                    a0.intoArray(out, o + x);
                    a1.intoArray(out, o + x + L);
                    a2.intoArray(out, o + x + 2 * L);
                    a3.intoArray(out, o + x + 3 * L);
                } else {
                    // row tail: store the vectors (or lanes) that lie inside the row
                    a0.intoArray(out, o + x, SP.indexInRange(x, outW));
                    if (x + L < outW) {
                        a1.intoArray(out, o + x + L, SP.indexInRange(x + L, outW));
                    }
                    if (x + 2 * L < outW) {
                        a2.intoArray(out, o + x + 2 * L, SP.indexInRange(x + 2 * L, outW));
                    }
                    if (x + 3 * L < outW) {
                        a3.intoArray(out, o + x + 3 * L, SP.indexInRange(x + 3 * L, outW));
                    }
                }
            }
        }
    }
}
