package io.github.simdconv.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-computed products and the messages of bad arguments. */
class SgemmTest {

    @Test
    void twoByTwoKnownCase() {
        // [1 2; 3 4] * [5 6; 7 8] = [19 22; 43 50]; alpha 2, beta 1 on C = [1 1; 1 1]
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        float[] c = {1, 1, 1, 1};
        new Sgemm().sgemm(false, false, 2, 2, 2, 2f, a, 0, 2, b, 0, 2, 1f, c, 0, 2);
        assertArrayEquals(new float[] {39, 45, 87, 101}, c);
        // transposes: A^T B^T = (B A)^T = [23 34; 31 46]
        float[] d = new float[4];
        new Sgemm().sgemm(true, true, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, d, 0, 2);
        assertArrayEquals(new float[] {23, 31, 34, 46}, d);
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        float[] c = {Float.NaN, Float.NaN};
        new Sgemm().sgemm(false, false, 1, 2, 1, 1f, new float[] {2}, 0, 1, new float[] {3, 4}, 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {6, 8}, c);
        float[] z = {Float.NaN};
        new Sgemm().sgemm(false, false, 1, 1, 0, 1f, null, 0, 1, null, 0, 1, 0f, z, 0, 1);
        assertArrayEquals(new float[] {0}, z);
    }

    @Test
    void epilogueAddsBiasThenRelu() {
        PackedA a = PackedA.pack(2, 1, new float[] {1, -1}, 0, 1, false);
        float[] c = new float[2];
        Gemm.multiply(a, 0, 2, 1, new float[] {3}, 0, 1, false, c, 0, 1, false, new float[] {1, 1}, 0, true,
                new GemmWorkspace());
        assertArrayEquals(new float[] {4, 0}, c);
        assertEquals(2, a.rows());
        assertEquals(1, a.depth());
    }

    @Test
    void badArgumentsNameTheRule() {
        Sgemm s = new Sgemm();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.sgemm(false, false, 2, 2, 2, 1f, new float[4], 0, 1, new float[4], 0, 2, 0f, new float[4], 0, 2));
        assertTrue(e.getMessage().startsWith("lda = 1: must be >= max(1, k) = 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> s.sgemm(false, false, 2, 2, 2, 1f, new float[4], 0, 2, new float[3], 0, 2, 0f, new float[4], 0, 2));
        assertTrue(e.getMessage().startsWith("b.length = 3: must be >= offset"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> s.sgemm(false, false, 2, 2, 2, 1f, new float[4], 0, 2, new float[4], 0, 2, 0f, new float[4], 0, 1));
        assertEquals("ldc = 1: must be >= max(1, n) = 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sgemm(0));
        assertEquals("threads = 0: must be >= 1", e.getMessage());
        PackedA a = PackedA.pack(3, 2, new float[6], 0, 2, false);
        e = assertThrows(IllegalArgumentException.class, () -> Gemm.multiply(a, 2, 4, 1, new float[2], 0, 1, false,
                new float[8], 0, 1, false, null, 0, false, new GemmWorkspace()));
        assertEquals("rows [r0, r1) = [2, 4): must satisfy 0 <= r0 <= r1 <= m = 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Gemm.multiply(a, 0, 3, 1, new float[2], 0, 1, false,
                new float[8], 0, 1, false, new float[2], 0, false, new GemmWorkspace()));
        assertTrue(e.getMessage().startsWith("bias.length = 2: must be >= biasOff + r1 = 3"), e.getMessage());
    }

    @Test
    void splitsByRowsUnlessPanelsSplitUnevenly() {
        assertTrue(Sgemm.byRows(512, 512, 2));
        assertTrue(Sgemm.byRows(256, 196, 2));
        // 64 rows = 11 panels: one thread would get 36 rows against an ideal 32
        assertEquals(false, Sgemm.byRows(64, 50176, 2));
        assertEquals(false, Sgemm.byRows(5, 4096, 2));
    }

    @Test
    void rowSplitOverSeveralSharedBlocksIsBitwiseTheOneThreadResult() {
        // two NC column blocks and three KC depth blocks: the shared B buffers alternate across
        // block boundaries; beta != 0 scales each thread's rows first
        int m = 36;
        int n = Gemm.NC + 70;
        int k = 2 * Gemm.KC + 7;
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c0 = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextDouble(-1, 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextDouble(-1, 1);
        }
        for (int i = 0; i < c0.length; i++) {
            c0[i] = (float) r.nextDouble(-1, 1);
        }
        assertTrue(Sgemm.byRows(m, n, 2) && Sgemm.byRows(m, n, 3));
        float[] c1 = c0.clone();
        new Sgemm(1).sgemm(false, false, m, n, k, 0.5f, a, 0, k, b, 0, n, -1.5f, c1, 0, n);
        for (int threads = 2; threads <= 3; threads++) {
            float[] ct = c0.clone();
            new Sgemm(threads, 0).sgemm(false, false, m, n, k, 0.5f, a, 0, k, b, 0, n, -1.5f, ct, 0, n);
            assertArrayEquals(c1, ct, threads + " threads");
        }
    }
}
