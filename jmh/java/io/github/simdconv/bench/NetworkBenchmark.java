package io.github.simdconv.bench;

import io.github.simdconv.examples.LeNet5;
import io.github.simdconv.examples.ResNetBasicBlock;
import io.github.simdconv.harness.LayerRef;
import io.github.simdconv.layer.AbstractLayer;
import io.github.simdconv.layer.AlgorithmChoice;
import io.github.simdconv.layer.Sequential;
import io.github.simdconv.layer.Shape;
import io.github.simdconv.layer.Tensor;
import java.util.SplittableRandom;
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
 * End-to-end forward pass of the example networks through the layer API: LeNet-5 on a 28x28
 * digit ({@code lenet}), and a ResNet basic block on the canonical res3 shape, 128 channels at
 * 28x28, batch 1 ({@code resnet_block_28}) and 8 ({@code resnet_block_28_b8}).
 *
 * <p>{@code algorithm}: {@code auto} (the documented rule), {@code measure} (timed once per
 * geometry at plan time), or a registered algorithm name, used by every convolution that it
 * supports ({@link AlgorithmChoice#prefer}; the others fall back to AUTO, and setup prints what
 * each layer runs). The output is checked against the reference composition in setup.
 *
 * <p>Run e.g. {@code NetworkBenchmark -p network=resnet_block_28 -p algorithm=auto,im2col -p threads=1,2};
 * {@code -p borders=true,false} compares a chain of direct convolutions with and without
 * bordered links.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx8g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NetworkBenchmark {

    /** lenet, resnet_block_28 or resnet_block_28_b8. */
    @Param({"lenet", "resnet_block_28"})
    public String network;

    /** auto, measure, or a registered convolution algorithm name. */
    @Param({"auto"})
    public String algorithm;

    /** Worker threads. */
    @Param({"1", "2"})
    public int threads;

    /**
     * Whether a Sequential keeps the tensor between two layers in the reader's zero-bordered
     * layout when it can ({@link Sequential#BORDERS_PROPERTY}); false measures the plain-NCHW chain.
     */
    @Param({"true"})
    public boolean borders;

    private AbstractLayer net;
    private Tensor input;
    private Tensor output;

    /** Builds the network, runs it once and checks it against the reference composition. */
    @Setup
    public void setup() {
        System.setProperty(Sequential.BORDERS_PROPERTY, Boolean.toString(borders)); // read at plan time
        AlgorithmChoice choice = switch (algorithm) {
            case "auto" -> AlgorithmChoice.AUTO;
            case "measure" -> AlgorithmChoice.MEASURE;
            default -> AlgorithmChoice.prefer(algorithm);
        };
        Shape in;
        switch (network) {
            case "lenet" -> {
                net = LeNet5.build(choice, 1);
                in = Shape.of(1, 1, 28, 28);
            }
            case "resnet_block_28" -> {
                net = ResNetBasicBlock.build(128, choice, 1);
                in = Shape.of(1, 128, 28, 28);
            }
            case "resnet_block_28_b8" -> {
                net = ResNetBasicBlock.build(128, choice, 1);
                in = Shape.of(8, 128, 28, 28);
            }
            default -> throw new IllegalArgumentException("network = " + network
                    + ": must be lenet, resnet_block_28 or resnet_block_28_b8");
        }
        net.threads(threads);
        SplittableRandom r = new SplittableRandom(42);
        float[] x = new float[in.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        input = Tensor.of(in, x);
        output = Tensor.zeros(net.outputShape(in));
        net.forward(input, output);
        System.out.println(network + " " + algorithm + " threads=" + threads + ": " + net.describe(in));
        LayerRef.assertMatches(network + " " + algorithm, net, in, x, output.toArray());
    }

    /** One forward pass. */
    @Benchmark
    public void forward() {
        net.forward(input, output);
    }
}
