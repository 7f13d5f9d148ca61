package io.github.simdconv.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This machine's single-core FMA throughput from Java, two ways, on
 * {@link FloatVector#SPECIES_PREFERRED}:
 * <ul>
 *   <li>{@code fma12}: 12 independent {@code fma} chains on registers only (enough to cover FMA
 *       latency x throughput: 4 cycles x 2 units = 8 chains on Zen 3).</li>
 *   <li>{@code fma12FromL1}: the same 12 chains fed the way the SGEMM micro-kernel feeds them, two
 *       vector loads and six broadcasts from an L1-resident array per 12 FMAs: the kernel's own
 *       loop without the packing and the write-back, so SGEMM can approach it but not exceed it.
 *       In JMH both variants score the same here (about 211 GFLOP/s on one AVX-512 core); a
 *       hand-timed OSR-compiled copy of the register-only loop ran at half that, so use this
 *       benchmark, not a stopwatch, for the peak.</li>
 * </ul>
 *
 * <p>Mode throughput in operations per nanosecond. Every invocation performs exactly
 * {@code FLOPS} floating-point operations whatever the vector width (the iteration count is
 * {@code FLOPS / (12 chains * lanes * 2)}, one FMA = a multiply and an add), and declares them
 * with {@code @OperationsPerInvocation}, so <b>the score is GFLOP/s directly</b>. Every other
 * benchmark is reported as a fraction of this number.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FmaPeakBenchmark {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Operations per invocation: divisible by 12 * 2 * lanes for 4, 8 and 16 lanes. */
    private static final int FLOPS = 12 * 2 * 16 * 4096;
    private static final int ITERATIONS = FLOPS / (12 * 2 * S.length());

    /** L1-resident operands of {@link #fma12FromL1}: 256 rows of 2 vectors (8-32 KiB). */
    private final float[] l1 = new float[256 * 2 * S.length() + 8];

    /** Values the JIT cannot constant-fold. */
    public float a = 0.999f;
    /** Values the JIT cannot constant-fold. */
    public float b = 1e-7f;

    /**
     * 12 chains of {@code ITERATIONS} dependent FMAs each.
     *
     * @return a sum of the chains, so nothing is dead code
     */
    @Benchmark
    @OperationsPerInvocation(FLOPS)
    public float fma12() {
        FloatVector x = FloatVector.broadcast(S, a);
        FloatVector y = FloatVector.broadcast(S, b);
        FloatVector c0 = FloatVector.broadcast(S, 0f), c1 = FloatVector.broadcast(S, 1f);
        FloatVector c2 = FloatVector.broadcast(S, 2f), c3 = FloatVector.broadcast(S, 3f);
        FloatVector c4 = FloatVector.broadcast(S, 4f), c5 = FloatVector.broadcast(S, 5f);
        FloatVector c6 = FloatVector.broadcast(S, 6f), c7 = FloatVector.broadcast(S, 7f);
        FloatVector c8 = FloatVector.broadcast(S, 8f), c9 = FloatVector.broadcast(S, 9f);
        FloatVector c10 = FloatVector.broadcast(S, 10f), c11 = FloatVector.broadcast(S, 11f);
        // the loop is the measured work: 12 independent dependency chains keep both FMA pipes full
        for (int i = 0; i < ITERATIONS; i++) {
            c0 = x.fma(c0, y);
            c1 = x.fma(c1, y);
            c2 = x.fma(c2, y);
            c3 = x.fma(c3, y);
            c4 = x.fma(c4, y);
            c5 = x.fma(c5, y);
            c6 = x.fma(c6, y);
            c7 = x.fma(c7, y);
            c8 = x.fma(c8, y);
            c9 = x.fma(c9, y);
            c10 = x.fma(c10, y);
            c11 = x.fma(c11, y);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    /**
     * 12 chains fed like the SGEMM kernel: per step two vector loads, six broadcasts, 12 FMAs.
     *
     * @return a sum of the chains, so nothing is dead code
     */
    @Benchmark
    @OperationsPerInvocation(FLOPS)
    public float fma12FromL1() {
        final int l = S.length();
        float[] m = l1;
        FloatVector c0 = FloatVector.broadcast(S, 0f), c1 = FloatVector.broadcast(S, 1f);
        FloatVector c2 = FloatVector.broadcast(S, 2f), c3 = FloatVector.broadcast(S, 3f);
        FloatVector c4 = FloatVector.broadcast(S, 4f), c5 = FloatVector.broadcast(S, 5f);
        FloatVector c6 = FloatVector.broadcast(S, 6f), c7 = FloatVector.broadcast(S, 7f);
        FloatVector c8 = FloatVector.broadcast(S, 8f), c9 = FloatVector.broadcast(S, 9f);
        FloatVector c10 = FloatVector.broadcast(S, 10f), c11 = FloatVector.broadcast(S, 11f);
        FloatVector x;
        for (int i = 0; i < ITERATIONS; i++) {
            int o = (i & 255) * 2 * l;
            FloatVector y0 = FloatVector.fromArray(S, m, o);
            FloatVector y1 = FloatVector.fromArray(S, m, o + l);
            x = FloatVector.broadcast(S, m[o]);
            c0 = x.fma(y0, c0);
            c1 = x.fma(y1, c1);
            x = FloatVector.broadcast(S, m[o + 1]);
            c2 = x.fma(y0, c2);
            c3 = x.fma(y1, c3);
            x = FloatVector.broadcast(S, m[o + 2]);
            c4 = x.fma(y0, c4);
            c5 = x.fma(y1, c5);
            x = FloatVector.broadcast(S, m[o + 3]);
            c6 = x.fma(y0, c6);
            c7 = x.fma(y1, c7);
            x = FloatVector.broadcast(S, m[o + 4]);
            c8 = x.fma(y0, c8);
            c9 = x.fma(y1, c9);
            x = FloatVector.broadcast(S, m[o + 5]);
            c10 = x.fma(y0, c10);
            c11 = x.fma(y1, c11);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
