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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
 * operation runs {@value #ROUND} calls on one thread, then {@value #ROUND} calls of the same layer
 * on two threads (same input, same output array), alternating; the first call of each run is not
 * counted (its output lines are still in the other core's cache). The totals are auxiliary
 * counters: {@code oneThreadMs / twoThreadMs} is the speedup over the same minutes ({@code calls}
 * counted calls each); JMH's JSON keeps them per iteration as well. The primary score (ms per
 * call, both counts together) means little on its own.
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
    /** Calls per thread count per operation. */
    static final int ROUND = 8;

    /** Canonical conv shape name (called {@code layer}, not {@code shape}, so reports keep it apart from ConvBenchmark). */
    @Param({"resnet_3x3_28_b8", "resnet_3x3_56", "vgg_3x3_224", "resnet_conv1_7x7_224", "resnet_1x1_56"})
    public String layer;

    /** Registered algorithm name, or auto. */
    @Param({"auto"})
    public String algorithm;

    private ConvPlan one;
    private ConvPlan two;
    private float[] input;
    private float[] output;

    /** Per-iteration totals of the counted calls, in milliseconds. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Times {
        /** Milliseconds in the counted one-thread calls of this iteration. */
        public double oneThreadMs;
        /** Milliseconds in the counted two-thread calls of this iteration. */
        public double twoThreadMs;
        /** Counted calls per thread count in this iteration. */
        public long calls;

        /** JMH keeps the counters' values across iterations unless they are cleared. */
        @Setup(Level.Iteration)
        public void clear() {
            oneThreadMs = 0;
            twoThreadMs = 0;
            calls = 0;
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
     * {@value #ROUND} one-thread calls, then {@value #ROUND} two-thread calls.
     *
     * @param t the counters
     */
    @Benchmark
    @OperationsPerInvocation(2 * ROUND)
    public void alternate(Times t) {
        t.oneThreadMs += run(one);
        t.twoThreadMs += run(two);
        t.calls += ROUND - 1;
    }

    private double run(ConvPlan plan) {
        plan.execute(input, output);
        long start = System.nanoTime();
        for (int i = 1; i < ROUND; i++) {
            plan.execute(input, output);
        }
        return (System.nanoTime() - start) / 1e6;
    }
}
