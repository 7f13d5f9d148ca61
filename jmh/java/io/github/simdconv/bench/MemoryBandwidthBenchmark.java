package io.github.simdconv.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This machine's single-thread memory bandwidth, STREAM-style, over float arrays of 64 MB each
 * (the VM exposes no cache sizes in sysfs, {@code getconf} reports the host's 508 MiB L3 total; a
 * read-bandwidth size sweep, docs/pooling.md, puts this core's cliff below 64 MB), so that pooling's GB/s can be put against it. The score is bytes per second (one
 * "operation" is one byte), counted as STREAM does, bytes read plus bytes written, write-allocate
 * traffic not counted: copy moves {@code 2 * 4N} bytes, triad {@code a = b + s*c} {@code 3 * 4N},
 * read (a vector sum) {@code 4N}, shrink (the data movement of 2x2/s2 pooling: four vectors read,
 * their maximum written) {@code 4N + N}.
 *
 * <p>So copy's 42 GB/s is 21 GB/s read plus 21 GB/s written. A pooling kernel that reads {@code B}
 * bytes and writes {@code B/4} is bounded by shrink and read, not by copy's total: compare pooling's
 * input-read GB/s with shrink's score times 4/5, or pooling's read+write GB/s with copy's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx8g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MemoryBandwidthBenchmark {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Floats per array: 16 Mi = 64 MB. */
    static final int N = 16 << 20;

    /**
     * If true, a 64 MB buffer is read before every call (outside the timing), as {@code
     * PoolBenchmark}'s {@code cold}: back to back, part of the arrays is still in L3 from the
     * previous call.
     */
    @Param({"false"})
    public boolean cold;

    private float[] a;
    private float[] b;
    private float[] c;
    private float[] flush;
    /** Written by {@link #flushCaches} so the flush read is not dead code. */
    public float flushSink;

    /** Fills the arrays (touching every page). */
    @Setup
    public void setup() {
        a = new float[N];
        b = new float[N];
        c = new float[N];
        for (int i = 0; i < N; i++) {
            a[i] = i;
            b[i] = 1;
            c[i] = 2;
        }
        flush = cold ? new float[CacheFlush.FLOATS] : null;
    }

    /** Evicts the arrays from the caches when {@link #cold}. */
    @Setup(Level.Invocation)
    public void flushCaches() {
        if (flush != null) {
            flushSink += CacheFlush.read(flush);
        }
    }

    /** b = a, by System.arraycopy. */
    @Benchmark
    @OperationsPerInvocation(2 * 4 * N)
    public void copy() {
        System.arraycopy(a, 0, b, 0, N);
    }

    /** a = b + 3 c, a plain loop that C2 vectorizes. */
    @Benchmark
    @OperationsPerInvocation(3 * 4 * N)
    public void triad() {
        float[] x = a;
        float[] y = b;
        float[] z = c;
        int len = N;
        for (int i = 0; i < len; i++) {
            x[i] = y[i] + 3f * z[i];
        }
    }

    /**
     * Sum of a, four vector accumulators: a pure read stream, the bound of a kernel that reads much
     * and writes little (pooling writes a quarter of what it reads at stride 2).
     *
     * @return the sum, so that the loop is not dead code
     */
    @Benchmark
    @OperationsPerInvocation(4 * N)
    public float read() {
        float[] x = a;
        int l = S.length();
        int len = N;
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S);
        FloatVector s3 = FloatVector.zero(S);
        for (int i = 0; i <= len - 4 * l; i += 4 * l) {
            s0 = s0.add(FloatVector.fromArray(S, x, i));
            s1 = s1.add(FloatVector.fromArray(S, x, i + l));
            s2 = s2.add(FloatVector.fromArray(S, x, i + 2 * l));
            s3 = s3.add(FloatVector.fromArray(S, x, i + 3 * l));
        }
        return s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    }

    /**
     * b[i/4 ..] = lanewise max of four consecutive vectors of a: reads 4N bytes and writes N, the
     * streams of a 2x2/s2 pool without its de-interleave and exact fold, so the most a pooling kernel
     * of that shape can expect from one core ({@code 4/5} of the score is the input read rate).
     */
    @Benchmark
    @OperationsPerInvocation(5 * N)
    public void shrink() {
        float[] x = a;
        float[] y = b;
        int l = S.length();
        int len = N;
        for (int i = 0; i <= len - 4 * l; i += 4 * l) {
            FloatVector v = FloatVector.fromArray(S, x, i).max(FloatVector.fromArray(S, x, i + l))
                    .max(FloatVector.fromArray(S, x, i + 2 * l).max(FloatVector.fromArray(S, x, i + 3 * l)));
            v.intoArray(y, i >> 2);
        }
    }
}
