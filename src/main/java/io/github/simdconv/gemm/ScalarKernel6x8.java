package io.github.simdconv.gemm;

/**
 * The scalar micro-kernel used when the Vector API is unavailable: the same packed layouts and
 * blocking as the vector micro-kernels with a 6 x 8 tile ({@link Gemm#NR} is 8 in scalar mode),
 * accumulated in the workspace tile. Correct everywhere, fast nowhere: it exists so the library
 * works (and is tested) without {@code jdk.incubator.vector}.
 */
final class ScalarKernel6x8 {
    private ScalarKernel6x8() {}

    static void tile(float[] a, int ao, float[] b, int bo, int kc,
            float[] c, int co, int ldc, int lo, int hi, int cols,
            boolean loadC, float[] bias, int biasOff, boolean relu, float[] t) {
        final int mr = Gemm.MR;
        final int nr = Gemm.NR;
        java.util.Arrays.fill(t, 0, mr * nr, 0f);
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * mr;
            int bi = bo + p * nr;
            for (int i = 0; i < mr; i++) {
                float x = a[ai + i];
                int ti = i * nr;
                for (int j = 0; j < nr; j++) {
                    t[ti + j] = Math.fma(x, b[bi + j], t[ti + j]);
                }
            }
        }
        Gemm.writeBack(t, c, co, ldc, lo, hi, cols, loadC, bias, biasOff, relu);
    }
}
