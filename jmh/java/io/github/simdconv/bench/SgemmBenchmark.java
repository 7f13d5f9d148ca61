package io.github.simdconv.bench;

import io.github.simdconv.gemm.Sgemm;
import io.github.simdconv.harness.Tolerance;
import io.github.simdconv.spec.ConvSpec;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code C = A * B} ({@code beta = 0}, no transposes) with {@link Sgemm} on 1 or 2 threads.
 * {@code shape} is a square size ({@code "512"} = 512 x 512 x 512), {@code "MxNxK"}
 * ({@code "256x512x512"}: half of 512^3, to compare two threads with one on half the work) or the name of a
 * canonical conv layer, whose im2col GEMM is {@code m = K/G, n = OH*OW, k = C/G*R*S}.
 * Score: microseconds per call; {@code GFLOP/s = 2*m*n*k / (score * 1000)} (the m, n, k of a
 * shape are printed in setup). The result is checked against a double-precision product of a
 * few sampled elements in setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SgemmBenchmark {

    /** Square size or canonical conv shape name. */
    @Param({"64", "128", "256", "512", "1024", "resnet_3x3_28", "resnet_3x3_14", "resnet_1x1_56", "resnet_3x3_56",
        "resnet_3x3_7", "vgg_3x3_224"})
    public String shape;

    /** Worker threads. */
    @Param({"1", "2"})
    public int threads;

    private int m;
    private int n;
    private int k;
    private float[] a;
    private float[] b;
    private float[] c;
    private Sgemm gemm;

    /** Fills the operands, multiplies once and checks sampled elements. */
    @Setup
    public void setup() {
        if (shape.chars().allMatch(Character::isDigit)) {
            m = n = k = Integer.parseInt(shape);
        } else if (shape.matches("\\d+x\\d+x\\d+")) {
            String[] d = shape.split("x");
            m = Integer.parseInt(d[0]);
            n = Integer.parseInt(d[1]);
            k = Integer.parseInt(d[2]);
        } else {
            ConvSpec s = BenchShapes.conv(shape);
            m = s.outChannelsPerGroup();
            n = s.outHeight() * s.outWidth();
            k = s.accumulationLength();
        }
        SplittableRandom r = new SplittableRandom(7);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) (r.nextDouble() * 2 - 1);
        }
        gemm = new Sgemm(threads);
        multiply();
        for (int t = 0; t < 64; t++) {
            int i = r.nextInt(m);
            int j = r.nextInt(n);
            double s = 0;
            double abs = 0;
            for (int p = 0; p < k; p++) {
                s += (double) a[i * k + p] * b[p * n + j];
                abs += Math.abs((double) a[i * k + p] * b[p * n + j]);
            }
            Tolerance.assertWithin("sgemm " + shape, new float[] {(float) s}, new float[] {c[i * n + j]},
                    new float[] {(float) abs}, Tolerance.dotFactor(k + 1));
        }
        System.out.println("\n# " + shape + ": m=" + m + " n=" + n + " k=" + k + " flops=" + 2L * m * n * k);
    }

    /** One product. */
    @Benchmark
    public void multiply() {
        gemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
    }
}
