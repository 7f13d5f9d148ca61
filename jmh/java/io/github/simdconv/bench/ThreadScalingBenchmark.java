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
import java.util.concurrent.locks.LockSupport;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How much a second thread speeds up one layer, measured so that both thread counts see the same
 * machine. {@code ConvBenchmark -p threads=1,2} times the two counts one after the other, seconds to
 * minutes apart; on a shared VM whose cores change speed from minute to minute that ratio moves
 * by more than the effect being measured (docs/winograd.md, "Seventh session"). Here one
 * operation runs the layer on one thread for {@value #TURN_MS} ms, then on two threads for
 * {@value #TURN_MS} ms (same input, same output array). The first {@value #SETTLE_MS} ms of each
 * turn are not counted: the output lines are still in the other core's cache, and a core that sat
 * idle through the one-thread turn takes a while to run at full speed again on this VM.
 *
 * <p>Switching thread counts is not free even so: on resnet_3x3_56 (about 0.5 ms a call) both
 * turns ran 6-50% slower than the same calls in {@code ConvBenchmark} in the same minutes, so the
 * default layers are the two whose calls take milliseconds, where the suite's two-thread target
 * lies (resnet_3x3_28_b8's turns ran from 17% faster to 12% slower than {@code ConvBenchmark}'s,
 * about its own spread between runs).
 *
 * <p>When the batch is even there is a third turn, the machine's own bound on the speedup: two
 * independent one-thread plans of half the batch each, one on the benchmark thread and one on a
 * helper thread, started together and joined after every call. They share nothing that is
 * written (own scratch, own transformed weights, disjoint halves of the input and output), so
 * whatever keeps them from halving the one-thread time is the machine (two vCPUs that drift apart
 * in speed, shared caches and memory), not the library. The two-thread plan's speedup divided by
 * this bound is the part the library can still win. The bound is not strict: the two-thread plan
 * shares one copy of the transformed weights, and its workers take each other's last blocks when
 * one core falls behind, which fixed halves cannot, so in minutes when a core is slow it can beat
 * the halves. A fourth turn runs one half-batch plan alone, so the halves' time together against
 * alone is what running side by side costs.
 * The counted time and calls of each turn are auxiliary counters ({@code oneThreadMs},
 * {@code oneThreadCalls}, {@code twoThreadMs}, {@code twoThreadCalls}, {@code halvesMs},
 * {@code halvesCalls}, {@code halfAloneMs}, {@code halfAloneCalls}); the report divides them. The
 * primary score, ms per operation, means nothing on its own.
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
    /** Milliseconds per turn (thread count) per operation. */
    static final int TURN_MS = 30;
    /** Milliseconds at the start of each turn that are not counted. */
    static final int SETTLE_MS = 6;

    /** Canonical conv shape name (called {@code layer}, not {@code shape}, so reports keep it apart from ConvBenchmark). */
    @Param({"resnet_3x3_28_b8", "vgg_3x3_224"})
    public String layer;

    /** Registered algorithm name, or auto. */
    @Param({"auto"})
    public String algorithm;

    private ConvPlan one;
    private ConvPlan two;
    /** The two independent half-batch plans, or null when the batch is odd. */
    private ConvPlan firstHalf;
    private ConvPlan secondHalf;
    /** Offsets of the second half-batch in the input and output arrays. */
    private int halfIn;
    private int halfOut;
    private Thread helper;
    /** Set while the helper should spin for calls; it parks otherwise. */
    private volatile boolean halvesTurn;
    private volatile boolean stopped;
    /** Call number the helper is asked to run, and the last it finished. */
    private volatile int asked;
    private volatile int finished;
    private float[] input;
    private float[] output;
    /** What the last {@link #turn} counted. */
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
        /** Milliseconds in the counted calls of the two independent half-batch plans (0 for an odd batch). */
        public double halvesMs;
        /** Counted calls of the two independent half-batch plans. */
        public long halvesCalls;
        /** Milliseconds in the counted calls of one half-batch plan alone (0 for an odd batch). */
        public double halfAloneMs;
        /** Counted calls of one half-batch plan alone. */
        public long halfAloneCalls;

        /** JMH keeps the counters' values across iterations unless they are cleared. */
        @Setup(Level.Iteration)
        public void clear() {
            oneThreadMs = 0;
            oneThreadCalls = 0;
            twoThreadMs = 0;
            twoThreadCalls = 0;
            halvesMs = 0;
            halvesCalls = 0;
            halfAloneMs = 0;
            halfAloneCalls = 0;
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
        if (spec.batch() % 2 == 0) {
            ConvSpec half = spec.toBuilder().batch(spec.batch() / 2).build();
            firstHalf = a.plan(half, w, b, 1);
            secondHalf = a.plan(half, w, b, 1);
            halfIn = half.inputSize();
            halfOut = half.outputSize();
            Arrays.fill(second, Float.NaN);
            firstHalf.execute(input, 0, second, 0);
            secondHalf.execute(input, halfIn, second, halfOut);
            if (!Arrays.equals(output, second)) {
                throw new IllegalStateException(a.name() + " on " + layer + ": the half-batch plans changed the bits");
            }
            helper = new Thread(this::helperLoop, "scaling-halves");
            helper.setDaemon(true);
            helper.start();
        }
        System.out.println("[scaling] " + layer + ": " + a.name());
    }

    /** Runs the second half-batch plan whenever asked during the halves' turn; parks between turns. */
    private void helperLoop() {
        int done = 0;
        while (!stopped) {
            int call = asked;
            if (call != done) {
                secondHalf.execute(input, halfIn, output, halfOut);
                done = call;
                finished = call;
            } else if (halvesTurn) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    /** Stops the helper thread. */
    @TearDown
    public void stopHelper() throws InterruptedException {
        if (helper != null) {
            stopped = true;
            LockSupport.unpark(helper);
            helper.join();
        }
    }

    /**
     * {@value #TURN_MS} ms of one-thread calls, then {@value #TURN_MS} ms of two-thread calls, then
     * (even batch) {@value #TURN_MS} ms of the two independent half-batch plans and {@value #TURN_MS}
     * ms of the first of them alone.
     *
     * @param t the counters
     */
    @Benchmark
    public void alternate(Times t) {
        turn(one);
        t.oneThreadMs += countedNanos / 1e6;
        t.oneThreadCalls += countedCalls;
        turn(two);
        t.twoThreadMs += countedNanos / 1e6;
        t.twoThreadCalls += countedCalls;
        if (firstHalf != null) {
            halvesTurn = true;
            LockSupport.unpark(helper);
            turn(null);
            halvesTurn = false;
            t.halvesMs += countedNanos / 1e6;
            t.halvesCalls += countedCalls;
            turn(firstHalf);
            t.halfAloneMs += countedNanos / 1e6;
            t.halfAloneCalls += countedCalls;
        }
    }

    /**
     * Calls {@code plan} for {@value #TURN_MS} ms; the calls after the first {@value #SETTLE_MS} ms
     * are counted. A null plan means the two half-batch plans together. A half-batch plan runs on
     * the first half of the arrays, the one- and two-thread plans on all of them.
     */
    private void turn(ConvPlan plan) {
        long start = System.nanoTime();
        long settle = start + SETTLE_MS * 1_000_000L;
        long end = start + TURN_MS * 1_000_000L;
        long now = start;
        while (now < settle) {
            call(plan);
            now = System.nanoTime();
        }
        long counted = now;
        long calls = 0;
        do {
            call(plan);
            now = System.nanoTime();
            calls++;
        } while (now < end);
        countedNanos = now - counted;
        countedCalls = calls;
    }

    private void call(ConvPlan plan) {
        if (plan != null) {
            plan.execute(input, 0, output, 0);
            return;
        }
        int call = asked + 1;
        asked = call;
        firstHalf.execute(input, 0, output, 0);
        while (finished != call) {
            Thread.onSpinWait();
        }
    }
}
