package io.github.simdconv.bench;

import ai.onnxruntime.OrtException;
import io.github.simdconv.harness.ConvCheck;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The native peer of {@link ConvBenchmark}: ONNX Runtime (CPU, MLAS kernels) running a single
 * {@code Conv} node of the same canonical shape, on the same data ({@link BenchData}), with
 * {@code threads} intra-op threads and all graph optimizations on. The parameters carry
 * ConvBenchmark's names so the report lines them up; {@code algorithm} is always
 * {@code onnxruntime}. Setup checks ONNX Runtime's output against the reference within the
 * float dot-product bound, the same check ConvBenchmark applies to our algorithms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx8g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OrtConvBenchmark {

    /** Canonical shape name from bench-shapes.csv. */
    @Param({"resnet_3x3_28"})
    public String shape;

    /** Always {@code onnxruntime}; a parameter so results line up with ConvBenchmark's. */
    @Param({"onnxruntime"})
    public String algorithm;

    /** ONNX Runtime intra-op threads. */
    @Param({"1"})
    public int threads;

    private OrtRunner ort;

    /**
     * Builds the model, runs it once and checks the output.
     *
     * @throws OrtException if ONNX Runtime rejects the model
     */
    @Setup
    public void setup() throws OrtException {
        if (!algorithm.equals("onnxruntime")) {
            throw new IllegalArgumentException("algorithm = " + algorithm + ": must be onnxruntime");
        }
        ConvSpec spec = BenchSpecs.conv(shape);
        BenchData d = BenchData.conv(spec);
        ort = new OrtRunner(OnnxModel.conv(spec, d.weights(), d.bias()),
                new long[] {spec.batch(), spec.inChannels(), spec.inHeight(), spec.inWidth()},
                new long[] {spec.batch(), spec.outChannels(), spec.outHeight(), spec.outWidth()}, threads);
        ort.setInput(d.input());
        ort.run();
        float[] expected = ReferenceConv.conv2d(spec, d.input(), d.weights(), d.bias());
        Tolerance.assertWithin("onnxruntime on " + shape, expected, ort.output(),
                ConvCheck.absSum(spec, d.input(), d.weights(), d.bias()),
                Tolerance.dotFactor(spec.accumulationLength() + 1));
    }

    /**
     * One inference.
     *
     * @throws OrtException if ONNX Runtime fails
     */
    @Benchmark
    public void forward() throws OrtException {
        ort.run();
    }

    /**
     * Frees the native session.
     *
     * @throws OrtException if ONNX Runtime fails
     */
    @TearDown
    public void tearDown() throws OrtException {
        ort.close();
    }
}
