package io.github.simdconv;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.simdconv.gemm.Gemm;
import io.github.simdconv.gemm.GemmWorkspace;
import io.github.simdconv.gemm.PackedA;
import io.github.simdconv.gemm.Sgemm;
import io.github.simdconv.harness.DataKind;
import io.github.simdconv.harness.Props;
import io.github.simdconv.harness.Tolerance;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * SGEMM against a naive triple loop (double accumulation) on generated shapes: sizes 1, around
 * MR = 6 and the 1-4 vector panel widths (NR = 64 with AVX-512, 16 with AVX2, 8 scalar), across
 * KC = 512 (equal-depth blocks); both transposes; alpha and beta
 * including beta = 0 with C pre-filled with NaN; leading dimensions larger than the width;
 * offsets; 1-3 threads. Small-integer data (and alpha, beta) must match bitwise; real data within
 * {@code (gamma(k + 3) + u) * (|alpha| sum|a||b| + |beta c|)} (alpha folded into A, beta * C, k
 * products: at most k + 2 roundings on any term). Every float of C outside the m x n window (the
 * gaps of ldc, before and after) holds a guard NaN that must survive.
 */
class SgemmProperties {
    private static final int[] SIZES = {1, 2, 3, 5, 6, 7, 8, 9, 11, 12, 13, 15, 16, 17, 18, 23, 31, 32, 33, 47, 64, 100};
    private static final int[] DEPTHS = {0, 1, 2, 3, 7, 16, 17, 33, 64, 255, 256, 257, 300, 511, 512, 513, 530, 1030};
    private static final float[] INT_SCALARS = {1, 1, -1, 2, -2, 0};
    private static final float[] REAL_SCALARS = {1, 1, -1, 0.5f, -1.75f, 0};
    private static final int GUARD_BITS = 0x7fc0dead;
    private static final int UNWRITTEN_BITS = 0x7fc0beef;

    record Case(int m, int n, int k, boolean ta, boolean tb, float alpha, float beta, int padA, int padB, int padC,
            int off, int threads, DataKind data, long seed) {
        @Override
        public String toString() {
            return "m=" + m + " n=" + n + " k=" + k + " ta=" + ta + " tb=" + tb + " alpha=" + alpha + " beta=" + beta
                    + " pads=" + padA + "," + padB + "," + padC + " off=" + off + " threads=" + threads + " " + data
                    + " seed=" + seed;
        }
    }

    private static int pick(RandomnessSource in, int[] c) {
        return c[(int) in.next(Constraint.between(0, c.length - 1))];
    }

    private static int between(RandomnessSource in, int lo, int hi) {
        return (int) in.next(Constraint.between(lo, hi));
    }

    static Gen<Case> cases() {
        Gen<Case> g = in -> {
            int m = pick(in, SIZES);
            int n = pick(in, SIZES);
            int k = pick(in, DEPTHS);
            // now and then a wide product that crosses the NC column block
            if (between(in, 0, 15) == 0) {
                n = 2048 + between(in, 1, 40);
                m = Math.min(m, 7);
                k = Math.min(k, 33);
            }
            DataKind data = between(in, 0, 1) == 0 ? DataKind.SMALL_INT : DataKind.REAL;
            float[] sc = data == DataKind.SMALL_INT ? INT_SCALARS : REAL_SCALARS;
            float alpha = sc[between(in, 0, sc.length - 1)];
            float beta = sc[between(in, 0, sc.length - 1)];
            return new Case(m, n, k, between(in, 0, 1) == 1, between(in, 0, 1) == 1, alpha, beta,
                    pick(in, new int[] {0, 0, 1, 3}), pick(in, new int[] {0, 0, 1, 5}), pick(in, new int[] {0, 0, 2, 7}),
                    pick(in, new int[] {0, 3}), pick(in, new int[] {1, 1, 2, 3}), data,
                    in.next(Constraint.between(0, Integer.MAX_VALUE)));
        };
        return g.describedAs(Case::toString);
    }

    @Test
    void sgemmMatchesTheTripleLoop() {
        Props.check("sgemm == triple loop", 3.0, cases(), SgemmProperties::check);
    }

    static void check(Case t) {
        int m = t.m, n = t.n, k = t.k;
        int lda = (t.ta ? m : k) + t.padA;
        int ldb = (t.tb ? k : n) + t.padB;
        int ldc = n + t.padC;
        int aRows = t.ta ? k : m;
        int bRows = t.tb ? n : k;
        float[] a = fillMatrix(t.data, t.seed, t.off, aRows, lda);
        float[] b = fillMatrix(t.data, t.seed * 31 + 1, t.off, bRows, ldb);
        float[] cInit = t.data.fill(m * n, t.seed * 31 + 2);
        int cLen = t.off + m * ldc + 11;
        float[] c = new float[cLen];
        Arrays.fill(c, Float.intBitsToFloat(GUARD_BITS));
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[t.off + i * ldc + j] = t.beta == 0f ? Float.intBitsToFloat(UNWRITTEN_BITS) : cInit[i * n + j];
            }
        }
        // reference
        float[] expected = new float[m * n];
        float[] bound = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double x = a[t.off + (t.ta ? p * lda + i : i * lda + p)];
                    double y = b[t.off + (t.tb ? j * ldb + p : p * ldb + j)];
                    s += x * y;
                    abs += Math.abs(x * y);
                }
                double old = t.beta == 0f ? 0 : cInit[i * n + j];
                expected[i * n + j] = (float) (t.alpha * s + t.beta * old);
                bound[i * n + j] = (float) (Math.abs(t.alpha) * abs + Math.abs(t.beta * old));
            }
        }
        // minParallelMacs 0: small generated products must still take the multi-threaded path
        new Sgemm(t.threads, 0).sgemm(t.ta, t.tb, m, n, k, t.alpha, a, t.off, lda, b, t.off, ldb, t.beta, c, t.off, ldc);
        float[] actual = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                actual[i * n + j] = c[t.off + i * ldc + j];
                c[t.off + i * ldc + j] = Float.intBitsToFloat(GUARD_BITS);
            }
        }
        for (int x = 0; x < cLen; x++) {
            if (Float.floatToRawIntBits(c[x]) != GUARD_BITS) {
                fail(t + ": C[" + x + "] outside the m x n window was written: " + c[x]);
            }
        }
        if (t.data == DataKind.SMALL_INT) {
            Tolerance.assertExact("sgemm " + t, expected, actual);
        } else {
            Tolerance.assertWithin("sgemm " + t, expected, actual, bound, Tolerance.dotFactor(k + 3));
        }
    }

    /** A rows x ld matrix at offset off, gaps and surroundings filled with NaN (must never matter). */
    private static float[] fillMatrix(DataKind kind, long seed, int off, int rows, int ld) {
        float[] v = kind.fill(rows * ld, seed);
        float[] x = new float[off + rows * ld + 3];
        Arrays.fill(x, Float.NaN);
        System.arraycopy(v, 0, x, off, v.length);
        return x;
    }

    @Test
    void reusedInstanceGivesTheSameResultAsAFreshOne() {
        // one instance across calls of varying size: buffers are reused, results must not depend on history
        Sgemm shared = new Sgemm(2, 0);
        Props.check("sgemm reuse", 0.5, cases(), t -> {
            int lda = t.ta ? t.m : t.k;
            int ldb = t.tb ? t.k : t.n;
            float[] a = t.data.fill(Math.max(1, t.m * t.k), t.seed);
            float[] b = t.data.fill(Math.max(1, t.k * t.n), t.seed + 1);
            float[] c1 = t.data.fill(t.m * t.n, t.seed + 2);
            float[] c2 = c1.clone();
            shared.sgemm(t.ta, t.tb, t.m, t.n, t.k, t.alpha, a, 0, Math.max(1, lda), b, 0, Math.max(1, ldb),
                    t.beta, c1, 0, Math.max(1, t.n));
            new Sgemm(1).sgemm(t.ta, t.tb, t.m, t.n, t.k, t.alpha, a, 0, Math.max(1, lda), b, 0, Math.max(1, ldb),
                    t.beta, c2, 0, Math.max(1, t.n));
            Tolerance.assertExact("reused 2-thread vs fresh 1-thread " + t, c2, c1);
        });
    }

    /**
     * The low-level entry: any row range, bias, ReLU and accumulate, against the triple loop;
     * small integers, so exact.
     */
    @Test
    void packedMultiplyWithEpilogueMatchesTheTripleLoop() {
        Gen<int[]> g = in -> new int[] {pick(in, SIZES), pick(in, SIZES), pick(in, DEPTHS), between(in, 0, 1),
                between(in, 0, 1), between(in, 0, 1), between(in, 0, 1), between(in, 0, 1000), between(in, 0, 1000),
                between(in, 0, Integer.MAX_VALUE), between(in, 0, 1)};
        Props.check("PackedA multiply", 2.0, g.describedAs(Arrays::toString), v -> {
            int m = v[0], n = v[1], k = v[2];
            boolean tb = v[3] == 1, acc = v[4] == 1, useBias = v[5] == 1, relu = v[6] == 1;
            int r0 = v[7] % (m + 1);
            int r1 = r0 + v[8] % (m - r0 + 1);
            long seed = v[9];
            DataKind d = DataKind.SMALL_INT;
            float[] a = d.fill(m * k, seed);
            float[] b = d.fill(k * n, seed + 1);
            float[] bias = useBias ? d.fill(m + 2, seed + 2) : null;
            int ldc = n + 3;
            float[] c = new float[2 + m * ldc];
            Arrays.fill(c, Float.intBitsToFloat(GUARD_BITS));
            float[] old = d.fill(m * n, seed + 3);
            for (int i = r0; i < r1; i++) {
                for (int j = 0; j < n; j++) {
                    c[2 + i * ldc + j] = acc ? old[i * n + j] : Float.intBitsToFloat(UNWRITTEN_BITS);
                }
            }
            PackedA pa = PackedA.pack(m, k, a, 0, Math.max(1, k), false);
            int ldb = tb ? Math.max(1, k) : n;
            if (v[10] == 1) {
                // the same product with B supplied block by block through a BSource
                Gemm.BSource src = (k0, kc, j0, nc, dst) -> Gemm.packB(b, 0, ldb, tb, k0, kc, j0, nc, dst);
                Gemm.multiply(pa, r0, r1, n, src, c, 2, ldc, acc, bias, 2, relu, new GemmWorkspace(3, 5));
            } else {
                Gemm.multiply(pa, r0, r1, n, b, 0, ldb, tb, c, 2, ldc, acc, bias, 2, relu, new GemmWorkspace(3, 5));
            }
            for (int x = 0; x < c.length; x++) {
                int i = (x - 2) / ldc;
                int j = (x - 2) - i * ldc;
                boolean inside = x >= 2 && i >= r0 && i < r1 && j < n;
                if (!inside) {
                    if (Float.floatToRawIntBits(c[x]) != GUARD_BITS) {
                        fail(Arrays.toString(v) + ": C[" + x + "] outside rows [" + r0 + "," + r1 + ") written");
                    }
                    continue;
                }
                double s = acc ? old[i * n + j] : 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * (double) b[tb ? j * k + p : p * n + j];
                }
                if (useBias) {
                    s += bias[2 + i];
                }
                if (relu && s < 0) {
                    s = 0;
                }
                if (c[x] != (float) s) {
                    fail(Arrays.toString(v) + ": C(" + i + "," + j + ") = " + c[x] + ", expected " + s);
                }
            }
        });
    }
}
