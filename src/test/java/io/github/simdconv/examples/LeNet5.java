package io.github.simdconv.examples;

import io.github.simdconv.layer.AlgorithmChoice;
import io.github.simdconv.layer.Conv2d;
import io.github.simdconv.layer.Flatten;
import io.github.simdconv.layer.Linear;
import io.github.simdconv.layer.MaxPool2d;
import io.github.simdconv.layer.Sequential;
import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.ConvSpec;
import java.util.SplittableRandom;

/**
 * A LeNet-5-style network for 28x28 grey-scale digits (the lecture notes' MNIST example, in
 * Caffe's LeNet variant): 5x5 local receptive fields with shared weights, max pooling, then two
 * fully connected layers.
 * <pre>
 *   [N,1,28,28] -conv5x5(20)+relu-> [N,20,24,24] -maxpool2-> [N,20,12,12]
 *               -conv5x5(50)+relu-> [N,50,8,8]   -maxpool2-> [N,50,4,4]
 *               -flatten-> [N,800] -linear(500)+relu (fused)-> [N,500] -linear(10)-> [N,10]
 * </pre>
 * The weights are random (He-style scaling), enough for shapes, speed and correctness.
 */
public final class LeNet5 {
    private LeNet5() {}

    /**
     * @param algorithm the algorithm choice of both convolutions
     * @param seed weight seed
     * @return the network
     */
    public static Sequential build(AlgorithmChoice algorithm, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ConvSpec c1 = ConvSpec.builder().inChannels(1).outChannels(20).input(28, 28).kernel(5)
                .bias(true).activation(Activation.RELU).build();
        ConvSpec c2 = ConvSpec.builder().inChannels(20).outChannels(50).input(12, 12).kernel(5)
                .bias(true).activation(Activation.RELU).build();
        return new Sequential(
                new Conv2d(c1, random(r, c1.weightSize(), 25), random(r, 20, 25), algorithm),
                new MaxPool2d(2),
                new Conv2d(c2, random(r, c2.weightSize(), 500), random(r, 50, 500), algorithm),
                new MaxPool2d(2),
                new Flatten(),
                new Linear(800, 500, random(r, 500 * 800, 800), random(r, 500, 800), Activation.RELU),
                new Linear(500, 10, random(r, 10 * 500, 500), random(r, 10, 500)));
    }

    static float[] random(SplittableRandom r, int n, int fanIn) {
        float scale = (float) Math.sqrt(2.0 / fanIn);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1) * scale;
        }
        return a;
    }
}
