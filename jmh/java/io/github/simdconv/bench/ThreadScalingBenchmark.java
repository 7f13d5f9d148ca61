package io.github.simdconv.bench;

import io.github.simdconv.conv.AutoChoice;
import io.github.simdconv.conv.ConvAlgorithm;
import io.github.simdconv.conv.ConvAlgorithms;
import io.github.simdconv.conv.ConvPlan;
import io.github.simdconv.harness.Focus;
import io.github.simdconv.harness.Tolerance;
import io.github.simdconv.reference.ReferenceConv;
import io.github.simdconv.spec.ConvSpec;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * How much a second thread speeds up one layer, measured so that both thread counts see the same
 * machine. {@code ConvBenchmark -p threads=1,2} times the two counts one after the other, seconds to
 * minutes apart; on a shared VM whose cores change speed from minute to minute that ratio moves
 * by more than the effect being measured (docs/winograd.md, "Seventh session"). Here one
 * operation runs the layer on one thread for {@value #HALF_MS} ms, then on two threads for
 * {@value #HALF_MS} ms (same input, same output array). The first {@value #SETTLE_MS} ms of each
 * half are not counted: the output lines are still in the other core's cache, and a core that sat
 * idle through the one-thread half takes a while to run at full speed again on this VM.
 *
 * <p>Switching thread counts is not free even so: on resnet_3x3_56 (about 0.5 ms a call) both
 * halves ran 6-50% slower than the same calls in {@code ConvBenchmark} in the same minutes, so the
 * default layers are the two whose calls take milliseconds, where the suite's two-thread target
 * lies (resnet_3x3_28_b8's halves ran from 17% faster to 12% slower than {@code ConvBenchmark}'s,
 * about its own spread between runs).
 * The counted time and calls of each half are auxiliary counters ({@code oneThreadMs},
 * {@code oneThreadCalls}, {@code twoThreadMs}, {@code twoThreadCalls}); the report divides them.
 * The primary score, ms per operation, means nothing on its own.
 *
 * <p>Run e.g. {@code ThreadScalingBenchmark -p layer=resnet_3x3_28_b8 -wi 5 -i 30}. {@code algorithm}
 * is a registered name or {@code auto} (what the layer API picks, {@link AutoChoice#choose}).
 * Setup checks both plans against the reference and against each other bit for bit (the library
 * promises the same bits for any thread count).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx8g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
public class ThreadScalingBenchmark {
    /** Milliseconds per thread count per operation. */
    static final int HALF_MS = 30;
    /** Milliseconds at the start of each half that are not counted. */
    static final int SETTLE_MS = 6;

    /** Canonical conv shape name (called {@code layer}, not {@code shape}, so reports keep it apart from ConvBenchmark). */
    @Param({"resnet_3x3_28_b8", "vgg_3x3_224"})
    public String layer;

    /** Registered algorithm name, or auto. */
    @Param({"auto"})
    public String algorithm;

    private ConvPlan one;
    private ConvPlan two;
    private float[] input;
    private float[] output;
    /** What the last {@link #half} counted. */
    private long countedNanos;
    private long countedCalls;

    /** Per-iteration totals of the counted calls: their milliseconds and their number, per thread count. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Times {
        /** Milliseconds in the counted one-thread calls of this iteration. */
        public double oneThreadMs;
        /** Counted one-thread calls of this iteration. */
        public long oneThreadCalls;
        /** Milliseconds in the counted two-thread calls of this iteration. */
        public double twoThreadMs;
        /** Counted two-thread calls of this iteration. */
        public long twoThreadCalls;

        /** JMH keeps the counters' values across iterations unless they are cleared. */
        @Setup(Level.Iteration)
        public void clear() {
            oneThreadMs = 0;
            oneThreadCalls = 0;
            twoThreadMs = 0;
            twoThreadCalls = 0;
        }
    }

    /** Plans the layer for one and two threads and checks both outputs. */
    @Setup
    public void setup() {
        ConvSpec spec = BenchShapes.conv(layer);
        ConvAlgorithm a = algorithm.equals("auto") ? AutoChoice.choose(spec) : ConvAlgorithms.byName(algorithm);
        BenchData d = BenchData.conv(spec);
        input = d.input();
        float[] w = d.weights();
        float[] b = d.bias();
        one = a.plan(spec, w, b, 1);
        two = a.plan(spec, w, b, 2);
        output = new float[spec.outputSize()];
        float[] second = new float[spec.outputSize()];
        one.execute(input, output);
        two.execute(input, second);
        if (!Arrays.equals(output, second)) {
            throw new IllegalStateException(a.name() + " on " + layer + ": two threads changed the bits");
        }
        float[] expected = ReferenceConv.conv2d(spec, input, w, b);
        Tolerance.assertWithin(a.name() + " on " + layer, expected, output,
                Focus.magnitude(a.name(), spec, input, w, b),
                Tolerance.dotFactor(spec.accumulationLength() + 1) * Focus.errorScale(a.name(), spec));
        System.out.println("[scaling] " + layer + ": " + a.name());
    }

    /**
     * {@value #HALF_MS} ms of one-thread calls, then {@value #HALF_MS} ms of two-thread calls.
     *
     * @param t the counters
     */
    @Benchmark
    public void alternate(Times t) {
        half(one);
        t.oneThreadMs += countedNanos / 1e6;
        t.oneThreadCalls += countedCalls;
        half(two);
        t.twoThreadMs += countedNanos / 1e6;
        t.twoThreadCalls += countedCalls;
    }

    /** Calls {@code plan} for {@value #HALF_MS} ms; the calls after the first {@value #SETTLE_MS} ms are counted. */
    private void half(ConvPlan plan) {
        long start = System.nanoTime();
        long settle = start + SETTLE_MS * 1_000_000L;
        long end = start + HALF_MS * 1_000_000L;
        long now = start;
        while (now < settle) {
            plan.execute(input, output);
            now = System.nanoTime();
        }
        long counted = now;
        long calls = 0;
        do {
            plan.execute(input, output);
            now = System.nanoTime();
            calls++;
        } while (now < end);
        countedNanos = now - counted;
        countedCalls = calls;
    }
}
