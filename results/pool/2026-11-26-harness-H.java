import io.github.simdconv.pool.*;
import io.github.simdconv.spec.*;
import jdk.incubator.vector.*;
import java.util.*;

public class H {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static float sink;

    interface K { void run(); }

    static PoolSpec stem(int n) { return PoolSpec.builder(PoolKind.MAX).batch(n).channels(64).input(112, 112).kernel(3).stride(2).padding(1).build(); }
    static PoolSpec mp2(int n) { return PoolSpec.builder(PoolKind.MAX).batch(n).channels(256).input(56, 56).kernel(2).stride(2).build(); }
    static PoolSpec ap2(int n) { return PoolSpec.builder(PoolKind.AVG).batch(n).channels(64).input(56, 56).kernel(2).stride(2).build(); }

    static K pool(PoolSpec s, int threads) {
        if (Boolean.getBoolean("checkfirst")) {
            io.github.simdconv.harness.PoolCheck.check(PoolAlgorithms.byName("vector"),
                new io.github.simdconv.harness.PoolCase(s, io.github.simdconv.harness.PoolData.SPECIAL, 42, threads));
        }
        PoolPlan p = PoolAlgorithms.byName("vector").plan(s, threads);
        float[] in = new float[s.inputSize()];
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < in.length; i++) in[i] = (float) (r.nextDouble() * 2 - 1);
        float[] out = new float[s.outputSize()];
        if (Boolean.getBoolean("nanfirst")) {
            float[] nin = in.clone();
            for (int i = 0; i < nin.length; i += 97) nin[i] = (i & 1) == 0 ? Float.NaN : Float.NEGATIVE_INFINITY;
            for (int i = 1; i < nin.length; i += 89) nin[i] = -0.0f;
            p.execute(nin, out);
        }
        return () -> p.execute(in, out);
    }

    // read-only walk of the 3x3/s2 p1 pattern on 112x112: per output row two fresh rows, loads at c, c+L, c+L+1
    static K read3(int planes) {
        int w = 112, h = 112;
        float[] a = new float[planes * w * h + 64];
        Arrays.fill(a, 1f);
        return () -> {
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            for (int p = 0; p < planes; p++) {
                int base = p * w * h;
                for (int y = 1; y + 1 < h; y += 2) {
                    int q1 = base + y * w, q2 = q1 + w;
                    for (int x = 0; x < 56; x += L) {
                        int xx = Math.min(x, 56 - L);
                        int c1 = q1 + 2 * xx, c2 = q2 + 2 * xx;
                        s0 = s0.add(FloatVector.fromArray(S, a, c1).add(FloatVector.fromArray(S, a, c1 + L)).add(FloatVector.fromArray(S, a, c1 + L + 1).add(FloatVector.fromArray(S, a, c2)))
                            .add(FloatVector.fromArray(S, a, c2 + L).add(FloatVector.fromArray(S, a, c2 + L + 1))));
                    }
                }
            }
            sink += s0.add(s1).reduceLanes(VectorOperators.ADD);
        };
    }

    // as read3, but row y's loads all before row y+1's
    static K read3seq(int planes) {
        int w = 112, h = 112;
        float[] a = new float[planes * w * h + 64];
        Arrays.fill(a, 1f);
        return () -> {
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            for (int p = 0; p < planes; p++) {
                int base = p * w * h;
                for (int y = 1; y < h; y++) {
                    int q1 = base + y * w;
                    for (int x = 0; x < 56; x += L) {
                        int xx = Math.min(x, 56 - L);
                        int c1 = q1 + 2 * xx;
                        s0 = s0.add(FloatVector.fromArray(S, a, c1).add(FloatVector.fromArray(S, a, c1 + L)).add(FloatVector.fromArray(S, a, c1 + L + 1)));
                    }
                }
            }
            sink += s0.add(s1).reduceLanes(VectorOperators.ADD);
        };
    }

    // read-only walk of 2x2/s2 on 56x56
    static K read2(int planes) {
        int w = 56, h = 56;
        float[] a = new float[planes * w * h];
        Arrays.fill(a, 1f);
        return () -> {
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            for (int p = 0; p < planes; p++) {
                int base = p * w * h;
                for (int y = 0; y < h; y += 2) {
                    int q1 = base + y * w, q2 = q1 + w;
                    for (int x = 0; x < 28; x += L) {
                        int xx = Math.min(x, 28 - L);
                        s0 = s0.add(FloatVector.fromArray(S, a, q1 + 2 * xx)).add(FloatVector.fromArray(S, a, q1 + 2 * xx + L));
                        s1 = s1.add(FloatVector.fromArray(S, a, q2 + 2 * xx)).add(FloatVector.fromArray(S, a, q2 + 2 * xx + L));
                    }
                }
            }
            sink += s0.add(s1).reduceLanes(VectorOperators.ADD);
        };
    }

    static K read(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 1f);
        return () -> {
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S), s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
            for (int i = 0; i <= n - 4 * L; i += 4 * L) {
                s0 = s0.add(FloatVector.fromArray(S, a, i));
                s1 = s1.add(FloatVector.fromArray(S, a, i + L));
                s2 = s2.add(FloatVector.fromArray(S, a, i + 2 * L));
                s3 = s3.add(FloatVector.fromArray(S, a, i + 3 * L));
            }
            sink += s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        };
    }

    static K copy(int n) {
        float[] a = new float[n], b = new float[n];
        Arrays.fill(a, 1f);
        Arrays.fill(b, 1f);
        return () -> System.arraycopy(a, 0, b, 0, n);
    }

    public static void main(String[] args) {
        int rounds0 = 0; int rounds = Integer.getInteger("rounds", 30);
        int threads = Integer.getInteger("threads", 1);
        String only = System.getProperty("only", "");
        LinkedHashMap<String, K> ks = new LinkedHashMap<>();
        LinkedHashMap<String, Double> bytes = new LinkedHashMap<>();
        int n16 = 16 * 64 * 112 * 112;
        ks.put("copy64MB(rd half)", copy(16 << 20)); bytes.put("copy64MB(rd half)", 4.0 * (16 << 20));
        ks.put("read64MB", read(16 << 20)); bytes.put("read64MB", 4.0 * (16 << 20));
        ks.put("read51MB", read(n16)); bytes.put("read51MB", 4.0 * n16);
        ks.put("read3pattern51MB", read3(16 * 64)); bytes.put("read3pattern51MB", 4.0 * n16);
        ks.put("read3seq51MB", read3seq(16 * 64)); bytes.put("read3seq51MB", 4.0 * n16);
        ks.put("read2pattern51MB", read2(16 * 256)); bytes.put("read2pattern51MB", 4.0 * n16);
        ks.put("max3x3s2 b16", pool(stem(16), threads)); bytes.put("max3x3s2 b16", 4.0 * n16);
        ks.put("max2x2s2 b16", pool(mp2(16), threads)); bytes.put("max2x2s2 b16", 4.0 * n16);
        ks.put("avg2x2s2 b64", pool(ap2(64), threads)); bytes.put("avg2x2s2 b64", 4.0 * n16);
        ks.put("max3x3s2 b1", pool(stem(1), threads)); bytes.put("max3x3s2 b1", 4.0 * n16 / 16);
        ks.put("max2x2s2 b1", pool(mp2(1), threads)); bytes.put("max2x2s2 b1", 4.0 * n16 / 16);
        PoolSpec wide3 = PoolSpec.builder(PoolKind.MAX).channels(8).input(112, 896).kernel(3).stride(2).padding(1).build();
        PoolSpec wide2 = PoolSpec.builder(PoolKind.MAX).channels(32).input(56, 448).kernel(2).stride(2).build();
        ks.put("wide3x3 b1", pool(wide3, threads)); bytes.put("wide3x3 b1", 4.0 * n16 / 16);
        ks.put("wide2x2 b1", pool(wide2, threads)); bytes.put("wide2x2 b1", 4.0 * n16 / 16);
        if (!only.isEmpty()) ks.keySet().removeIf(k -> !k.matches(only));
        Map<String, double[]> t = new LinkedHashMap<>();
        for (String k : ks.keySet()) t.put(k, new double[rounds]); rounds0 = rounds;
        if (Boolean.getBoolean("b2b")) {
            for (var e : ks.entrySet()) {
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    e.getValue().run();
                    t.get(e.getKey())[r] = (System.nanoTime() - t0) / 1e3;
                }
            }
            rounds = 0;
        }
        for (int r = 0; r < rounds; r++) {
            for (var e : ks.entrySet()) {
                int reps = e.getKey().endsWith("b1") ? 16 : 1;
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) e.getValue().run();
                t.get(e.getKey())[r] = (System.nanoTime() - t0) / 1e3 / reps;
            }
        }
        for (var e : t.entrySet()) {
            double[] v = e.getValue().clone();
            Arrays.sort(v);
            double skip = v[v.length / 4]; // ignore warmup: use min and p25 over rounds after sort
            double b = bytes.get(e.getKey());
            System.out.printf("%-22s min %9.1f us  p25 %9.1f us  p50 %9.1f us   GB/s(min) %6.1f  GB/s(p50) %6.1f%n", e.getKey(), v[0], skip, v[v.length / 2], b / v[0] / 1e3, b / v[v.length / 2] / 1e3);
        }
    }
}
