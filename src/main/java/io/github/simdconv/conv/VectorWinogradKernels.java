package io.github.simdconv.conv;

import jdk.incubator.vector.FloatVector;
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
    public int nr() {
        return 2 * L;
    }

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
    public void gemm(float[] a, int aOff, int panels, int depth, float[] b, int bOff, int ldb, int width,
            float[] c, int cOff, int ldc) {
        // MicroKernel6x2v: 12 accumulators + 2 B vectors + 1 broadcast = 15 of 16 ymm registers
        for (int p = 0; p < panels; p++) {
            int ap0 = aOff + p * depth * MR;
            int c0 = cOff + p * MR * ldc;
            for (int t = 0; t < width; t += 2 * L) {
                FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
                FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
                FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
                FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
                FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
                FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
                int ap = ap0;
                int bp = bOff + t;
                for (int k = 0; k < depth; k++) {
                    FloatVector b0 = FloatVector.fromArray(S, b, bp);
                    FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
                    FloatVector av = FloatVector.broadcast(S, a[ap]);
                    c00 = av.fma(b0, c00);
                    c01 = av.fma(b1, c01);
                    av = FloatVector.broadcast(S, a[ap + 1]);
                    c10 = av.fma(b0, c10);
                    c11 = av.fma(b1, c11);
                    av = FloatVector.broadcast(S, a[ap + 2]);
                    c20 = av.fma(b0, c20);
                    c21 = av.fma(b1, c21);
                    av = FloatVector.broadcast(S, a[ap + 3]);
                    c30 = av.fma(b0, c30);
                    c31 = av.fma(b1, c31);
                    av = FloatVector.broadcast(S, a[ap + 4]);
                    c40 = av.fma(b0, c40);
                    c41 = av.fma(b1, c41);
                    av = FloatVector.broadcast(S, a[ap + 5]);
                    c50 = av.fma(b0, c50);
                    c51 = av.fma(b1, c51);
                    ap += MR;
                    bp += ldb;
                }
                int cp = c0 + t;
                c00.intoArray(c, cp);
                c01.intoArray(c, cp + L);
                cp += ldc;
                c10.intoArray(c, cp);
                c11.intoArray(c, cp + L);
                cp += ldc;
                c20.intoArray(c, cp);
                c21.intoArray(c, cp + L);
                cp += ldc;
                c30.intoArray(c, cp);
                c31.intoArray(c, cp + L);
                cp += ldc;
                c40.intoArray(c, cp);
                c41.intoArray(c, cp + L);
                cp += ldc;
                c50.intoArray(c, cp);
                c51.intoArray(c, cp + L);
            }
        }
    }
}
