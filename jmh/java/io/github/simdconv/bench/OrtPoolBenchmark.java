package io.github.simdconv.bench;

import ai.onnxruntime.OrtException;
import io.github.simdconv.harness.Tolerance;
import io.github.simdconv.reference.ReferencePool;
import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;
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
 * The native peer of the pooling benchmark: ONNX Runtime running one {@code MaxPool},
 * {@code AveragePool} or {@code GlobalAveragePool} node of a canonical pooling shape on the same
 * data ({@link BenchData#pool}), {@code threads} intra-op threads, all graph optimizations on.
 * {@code algorithm} is always {@code onnxruntime}. Setup checks the output against the reference:
 * max pooling bitwise, average pooling within the rounding of a float window sum and one division.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx8g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OrtPoolBenchmark {

    /**
     * Pooling shape name: a row of bench-shapes.csv or one of {@code PoolBenchmark}'s extra shapes,
     * among them the 51 MB batch variants for the memory-bandwidth comparison.
     */
    @Param({"resnet_maxpool_3x3_s2", "resnet_maxpool_3x3_s2_b16", "maxpool_2x2_s2_256x56_b16", "avgpool_2x2_s2_56_b64"})
    public String shape;

    /** Always {@code onnxruntime}. */
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
        PoolSpec spec = BenchSpecs.pool(shape);
        float[] input = BenchData.pool(spec).input();
        ort = new OrtRunner(OnnxModel.pool(spec),
                new long[] {spec.batch(), spec.channels(), spec.inHeight(), spec.inWidth()},
                new long[] {spec.batch(), spec.channels(), spec.outHeight(), spec.outWidth()}, threads);
        ort.setInput(input);
        ort.run();
        check(spec, input, ort.output(), "onnxruntime on " + shape);
    }

    static void check(PoolSpec spec, float[] input, float[] actual, String what) {
        float[] expected = ReferencePool.pool(spec, input);
        if (spec.kind() == PoolKind.MAX) {
            Tolerance.assertExact(what, expected, actual);
        } else {
            float[] abs = new float[input.length];
            for (int i = 0; i < input.length; i++) {
                abs[i] = Math.abs(input[i]);
            }
            Tolerance.assertWithin(what, expected, actual, ReferencePool.pool(spec, abs),
                    Tolerance.dotFactor(spec.kernelH() * spec.kernelW()) + 2 * Tolerance.U);
        }
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
