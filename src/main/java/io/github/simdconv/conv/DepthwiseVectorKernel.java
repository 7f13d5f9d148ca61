package io.github.simdconv.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
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
    /** Lane {@code i} takes lane {@code 2i mod L}: the even values of one vector, twice. */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(SP, i -> (2 * i) % L);
    /** The upper half of the lanes. */
    private static final VectorMask<Float> HIGH = VectorMask.fromLong(SP, (-1L << (L / 2)) & ((1L << L) - 1));

    @Override
    void strided(float[] in, int from, int sW, int n, float[] dst, int d) {
        int k = 0;
        if (sW == 2) {
            // two contiguous loads and one even-lane shuffle per vector instead of L scalar copies;
            // the second load may read past the n values, never past the array
            for (; k + L <= n && from + 2 * k + 2 * L <= in.length; k += L) {
                FloatVector lo = FloatVector.fromArray(SP, in, from + 2 * k);
                FloatVector hi = FloatVector.fromArray(SP, in, from + 2 * k + L);
                lo.rearrange(EVEN).blend(hi.rearrange(EVEN), HIGH).intoArray(dst, d + k);
            }
        }
        for (; k < n; k++) {
            dst[d + k] = in[from + k * sW];
        }
    }

    @Override
    void rows(float[] src, int srcRow, int[] colOff, float[] w, int wOff, float bias, boolean relu,
            float[] out, int outOff, int outW, int count, int r, int s, int sH, int dH) {
        if (r == 3 && s == 3) {
            rows3x3(src, srcRow, colOff, w, wOff, bias, relu, out, outOff, outW, count, sH, dH);
            return;
        }
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

    // 3x3: the nine weights stay in registers for the whole channel; 2 x 9 loads + FMAs per step
    // (two vectors of outputs). The first version did four vectors per step: C1 gave up on it
    // ("out of virtual registers in LIR generator") and it ran interpreted for seconds until C2
    // compiled it; this one compiles at every tier and is as fast in C2 (mobilenet_dw_3x3_112).
    private static void rows3x3(float[] src, int srcRow, int[] colOff, float[] w, int wOff, float bias, boolean relu,
            float[] out, int outOff, int outW, int count, int sH, int dH) {
        FloatVector w00 = FloatVector.broadcast(SP, w[wOff + 0]);
        FloatVector w01 = FloatVector.broadcast(SP, w[wOff + 1]);
        FloatVector w02 = FloatVector.broadcast(SP, w[wOff + 2]);
        FloatVector w10 = FloatVector.broadcast(SP, w[wOff + 3]);
        FloatVector w11 = FloatVector.broadcast(SP, w[wOff + 4]);
        FloatVector w12 = FloatVector.broadcast(SP, w[wOff + 5]);
        FloatVector w20 = FloatVector.broadcast(SP, w[wOff + 6]);
        FloatVector w21 = FloatVector.broadcast(SP, w[wOff + 7]);
        FloatVector w22 = FloatVector.broadcast(SP, w[wOff + 8]);
        int o0 = colOff[0];
        int o1 = colOff[1];
        int o2 = colOff[2];
        int rowStep = dH * srcRow;
        FloatVector zero = FloatVector.zero(SP);
        for (int y = 0; y < count; y++) {
            int base = y * sH * srcRow;
            int o = outOff + y * outW;
            for (int x = 0; x < outW; x += 2 * L) {
                FloatVector a0 = FloatVector.broadcast(SP, bias);
                FloatVector a1 = a0;
                int r0 = base + x;
                a0 = FloatVector.fromArray(SP, src, r0 + o0).fma(w00, a0);
                a1 = FloatVector.fromArray(SP, src, r0 + o0 + 1 * L).fma(w00, a1);
                a0 = FloatVector.fromArray(SP, src, r0 + o1).fma(w01, a0);
                a1 = FloatVector.fromArray(SP, src, r0 + o1 + 1 * L).fma(w01, a1);
                a0 = FloatVector.fromArray(SP, src, r0 + o2).fma(w02, a0);
                a1 = FloatVector.fromArray(SP, src, r0 + o2 + 1 * L).fma(w02, a1);
                int r1 = base + 1 * rowStep + x;
                a0 = FloatVector.fromArray(SP, src, r1 + o0).fma(w10, a0);
                a1 = FloatVector.fromArray(SP, src, r1 + o0 + 1 * L).fma(w10, a1);
                a0 = FloatVector.fromArray(SP, src, r1 + o1).fma(w11, a0);
                a1 = FloatVector.fromArray(SP, src, r1 + o1 + 1 * L).fma(w11, a1);
                a0 = FloatVector.fromArray(SP, src, r1 + o2).fma(w12, a0);
                a1 = FloatVector.fromArray(SP, src, r1 + o2 + 1 * L).fma(w12, a1);
                int r2 = base + 2 * rowStep + x;
                a0 = FloatVector.fromArray(SP, src, r2 + o0).fma(w20, a0);
                a1 = FloatVector.fromArray(SP, src, r2 + o0 + 1 * L).fma(w20, a1);
                a0 = FloatVector.fromArray(SP, src, r2 + o1).fma(w21, a0);
                a1 = FloatVector.fromArray(SP, src, r2 + o1 + 1 * L).fma(w21, a1);
                a0 = FloatVector.fromArray(SP, src, r2 + o2).fma(w22, a0);
                a1 = FloatVector.fromArray(SP, src, r2 + o2 + 1 * L).fma(w22, a1);
                if (relu) {
                    a0 = a0.blend(zero, a0.lt(0f));
                    a1 = a1.blend(zero, a1.lt(0f));
                }
                if (x + 2 * L <= outW) {
                    a0.intoArray(out, o + x);
                    a1.intoArray(out, o + x + L);
                } else {
                    // row tail: store the vectors (or lanes) that lie inside the row
                    a0.intoArray(out, o + x, SP.indexInRange(x, outW));
                    if (x + L < outW) {
                        a1.intoArray(out, o + x + L, SP.indexInRange(x + L, outW));
                    }
                }
            }
        }
    }
}
