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
 * This machine's single-core FMA throughput from Java: 12 independent {@code fma} chains on
 * {@link FloatVector#SPECIES_PREFERRED} (enough to cover FMA latency x throughput: 4 cycles x
 * 2 units = 8 chains on Zen 3, 12 to be safe and to match the SGEMM tile's 12 accumulators).
 *
 * <p>Mode throughput in operations per nanosecond, with each invocation declared as
 * {@code ITERATIONS * 12 chains * lanes * 2} operations (one FMA = a multiply and an add), so
 * <b>the score is GFLOP/s directly</b>. The {@code @OperationsPerInvocation} constant assumes
 * 8 lanes (AVX2); on another width multiply the score by {@code lanes / 8}. Every other
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
    private static final int ITERATIONS = 4096;
    private static final int ASSUMED_LANES = 8;

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
    @OperationsPerInvocation(ITERATIONS * 12 * ASSUMED_LANES * 2)
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
}
