package io.github.simdconv.bench;

import io.github.simdconv.conv.ConvAlgorithm;
import io.github.simdconv.conv.ConvAlgorithms;
import io.github.simdconv.conv.ConvPlan;
import io.github.simdconv.harness.Focus;
import io.github.simdconv.harness.Tolerance;
import io.github.simdconv.reference.ReferenceConv;
import io.github.simdconv.spec.ConvSpec;
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
 * One forward convolution of a canonical layer shape with one registered algorithm on a given
 * number of threads. The output is checked against the reference in setup (skip the check for
 * the reference itself), so a fast wrong kernel never gets a number. GFLOP/s = spec.flops() / time.
 *
 * <p>Run e.g. {@code -p algorithm=direct -p shape=resnet_3x3_28 -p threads=1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx8g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ConvBenchmark {

    /** Canonical shape name from bench-shapes.csv. */
    @Param({"resnet_3x3_28"})
    public String shape;

    /** Registered algorithm name. */
    @Param({"reference"})
    public String algorithm;

    /** Worker threads. */
    @Param({"1"})
    public int threads;

    private ConvPlan plan;
    private float[] input;
    private float[] output;

    /** Plans, runs once and checks the output against the reference. */
    @Setup
    public void setup() {
        ConvSpec spec = BenchShapes.conv(shape);
        ConvAlgorithm a = ConvAlgorithms.byName(algorithm);
        // the same data OrtConvBenchmark feeds ONNX Runtime
        BenchData d = BenchData.conv(spec);
        input = d.input();
        float[] w = d.weights();
        float[] b = d.bias();
        plan = a.plan(spec, w, b, threads);
        output = new float[spec.outputSize()];
        plan.execute(input, output);
        if (!algorithm.equals("reference")) {
            float[] expected = ReferenceConv.conv2d(spec, input, w, b);
            // Winograd: its derived bound (harness.WinogradBound), others: the dot-product bound
            double scale = Focus.errorScale(algorithm, spec);
            Tolerance.assertWithin(algorithm + " on " + shape, expected, output,
                    Focus.magnitude(algorithm, spec, input, w, b),
                    Tolerance.dotFactor(spec.accumulationLength() + 1) * scale);
        }
    }

    /** One forward call. */
    @Benchmark
    public void forward() {
        plan.execute(input, output);
    }
}
