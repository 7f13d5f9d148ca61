package io.github.simdconv.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector {@link DepthwiseKernel}: vectors run along the output width. Stride 1 loads contiguous
 * (unaligned) input vectors, four output vectors at a time so that four FMA chains overlap; a
 * wider stride gathers every {@code sW}-th input. The row tail is a masked store; its loads
 * over-read into the padded buffer's slack. Loaded only when {@code Simd.vectorEnabled()}.
 */
final class DepthwiseVectorKernel extends DepthwiseKernel {
    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    private static final int L = SP.length();

    private final int[] gather;

    DepthwiseVectorKernel(int strideW) {
        gather = new int[L];
        for (int i = 0; i < L; i++) {
            gather[i] = i * strideW;
        }
    }

    @Override
    int slack(int strideW) {
        return L * strideW + 16;
    }

    @Override
    void rows(float[] src, int srcRow, float[] w, int wOff, float bias, boolean relu, float[] out,
            int outOff, int outW, int count, int r, int s, int sH, int sW, int dH, int dW) {
        int rowStep = dH * srcRow;
        FloatVector zero = FloatVector.zero(SP);
        for (int y = 0; y < count; y++) {
            int base = y * sH * srcRow;
            int o = outOff + y * outW;
            int x = 0;
            if (sW == 1) {
                // four vectors of pixels per pass: four independent FMA chains
                for (; x + 4 * L <= outW; x += 4 * L) {
                    FloatVector a0 = FloatVector.broadcast(SP, bias);
                    FloatVector a1 = a0;
                    FloatVector a2 = a0;
                    FloatVector a3 = a0;
                    int wi = wOff;
                    for (int i = 0; i < r; i++) {
                        int ai = base + i * rowStep + x;
                        for (int j = 0; j < s; j++) {
                            int a = ai + j * dW;
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
                    a0.intoArray(out, o + x);
                    a1.intoArray(out, o + x + L);
                    a2.intoArray(out, o + x + 2 * L);
                    a3.intoArray(out, o + x + 3 * L);
                }
                for (; x < outW; x += L) {
                    FloatVector a0 = FloatVector.broadcast(SP, bias);
                    int wi = wOff;
                    for (int i = 0; i < r; i++) {
                        int ai = base + i * rowStep + x;
                        for (int j = 0; j < s; j++) {
                            FloatVector wv = FloatVector.broadcast(SP, w[wi++]);
                            a0 = FloatVector.fromArray(SP, src, ai + j * dW).fma(wv, a0);
                        }
                    }
                    store(a0, relu, zero, out, o, x, outW);
                }
            } else {
                for (; x < outW; x += L) {
                    FloatVector a0 = FloatVector.broadcast(SP, bias);
                    int wi = wOff;
                    for (int i = 0; i < r; i++) {
                        int ai = base + i * rowStep + x * sW;
                        for (int j = 0; j < s; j++) {
                            FloatVector wv = FloatVector.broadcast(SP, w[wi++]);
                            a0 = FloatVector.fromArray(SP, src, ai + j * dW, gather, 0).fma(wv, a0);
                        }
                    }
                    store(a0, relu, zero, out, o, x, outW);
                }
            }
        }
    }

    // small enough to inline; a full vector unless this is the row's tail
    private static void store(FloatVector v, boolean relu, FloatVector zero, float[] out, int o, int x, int outW) {
        if (relu) {
            v = v.blend(zero, v.lt(0f));
        }
        if (x + L <= outW) {
            v.intoArray(out, o + x);
        } else {
            VectorMask<Float> m = SP.indexInRange(x, outW);
            v.intoArray(out, o + x, m);
        }
    }
}
