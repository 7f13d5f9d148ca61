package io.github.simdconv.bench;

import io.github.simdconv.harness.PoolCase;
import io.github.simdconv.harness.PoolCheck;
import io.github.simdconv.harness.PoolData;
import io.github.simdconv.pool.PoolAlgorithm;
import io.github.simdconv.pool.PoolAlgorithms;
import io.github.simdconv.pool.PoolPlan;
import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One pooling call of a shape with one registered algorithm on a given number of threads; the
 * algorithm is checked against the reference in setup. Pooling is memory-bound: report it as
 * GB/s of input read, {@code 4 * spec.inputSize() / time}, next to {@link MemoryBandwidthBenchmark}.
 *
 * <p>Shapes: the pooling rows of bench-shapes.csv, plus shapes defined here: {@code
 * maxpool_2x2_s2_256x56} (N=1, C=256, 56x56, 2x2/s2; 3.2 MB, in cache) and batch-16/64 variants
 * whose inputs (51 MB) exceed the 32 MiB L3, for the memory-bandwidth comparison. Compare the
 * input-read rate with {@link MemoryBandwidthBenchmark#shrink} (4/5 of its score: the same read
 * 4 / write 1 data movement), or the pool's read+write rate ({@code 1.25x} the input rate at stride
 * 2) with copy, which counts read + written bytes; docs/pooling.md has the numbers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx8g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PoolBenchmark {

    /** Shape name: a pooling row of bench-shapes.csv or one of {@link #extraShape}'s. */
    @Param({"resnet_maxpool_3x3_s2", "avgpool_2x2_s2_56", "resnet_gap_7", "maxpool_2x2_s2_256x56",
        "resnet_maxpool_3x3_s2_b16", "maxpool_2x2_s2_256x56_b16", "avgpool_2x2_s2_56_b64", "resnet_gap_7_b128"})
    public String shape;

    /** Registered pooling algorithm name. */
    @Param({"reference", "vector"})
    public String algorithm;

    /** Worker threads. */
    @Param({"1", "2"})
    public int threads;

    /**
     * If true, a 64 MB buffer is read before every call (outside the timing), so that each call
     * starts with none of its input or output in cache. Back to back, part of a 51 MB input is
     * still in L3 from the previous call, and a kernel gains from that in proportion to how fast
     * it computes on cached data (docs/pooling.md): the cold figure is the one to put against
     * memory bandwidth, with {@link MemoryBandwidthBenchmark} run cold as well.
     */
    @Param({"false"})
    public boolean cold;

    private PoolPlan plan;
    private float[] input;
    private float[] output;
    private float[] flush;
    /** Written by {@link #flushCaches} so the flush read is not dead code. */
    public float flushSink;

    /**
     * @param name a shape name
     * @return the shapes this benchmark defines beyond the CSV, or null
     */
    static PoolSpec extraShape(String name) {
        return switch (name) {
            case "maxpool_2x2_s2_256x56" -> PoolSpec.builder(PoolKind.MAX).channels(256).input(56, 56).kernel(2)
                    .stride(2).build();
            case "maxpool_2x2_s2_256x56_b16" -> extraShape("maxpool_2x2_s2_256x56").withBatch(16);
            case "resnet_maxpool_3x3_s2_b16" -> BenchShapes.pool("resnet_maxpool_3x3_s2").withBatch(16);
            case "avgpool_2x2_s2_56_b64" -> BenchShapes.pool("avgpool_2x2_s2_56").withBatch(64);
            case "resnet_gap_7_b128" -> BenchShapes.pool("resnet_gap_7").withBatch(128);
            default -> null;
        };
    }

    /**
     * @param name a shape name
     * @return its spec
     */
    static PoolSpec spec(String name) {
        PoolSpec s = extraShape(name);
        return s != null ? s : BenchShapes.pool(name);
    }

    /** Checks the algorithm against the reference (values, and argmax for max), then plans. */
    @Setup
    public void setup() {
        PoolSpec spec = spec(shape);
        PoolAlgorithm a = PoolAlgorithms.byName(algorithm);
        if (!algorithm.equals("reference")) {
            PoolCheck.check(a, new PoolCase(spec, PoolData.SPECIAL, 42, threads));
        }
        SplittableRandom r = new SplittableRandom(42);
        input = new float[spec.inputSize()];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) (r.nextDouble() * 2 - 1);
        }
        output = new float[spec.outputSize()];
        plan = a.plan(spec, threads);
        plan.execute(input, output);
        flush = cold ? new float[CacheFlush.FLOATS] : null;
    }

    /** Evicts the input and output from the caches when {@link #cold}. */
    @Setup(Level.Invocation)
    public void flushCaches() {
        if (flush != null) {
            flushSink += CacheFlush.read(flush);
        }
    }

    /** One pooling call. */
    @Benchmark
    public void pool() {
        plan.execute(input, output);
    }
}
