package io.github.simdconv.examples;

import io.github.simdconv.layer.AlgorithmChoice;
import io.github.simdconv.layer.Conv2d;
import io.github.simdconv.layer.Residual;
import io.github.simdconv.layer.Sequential;
import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.ConvSpec;
import java.util.SplittableRandom;

/**
 * A ResNet basic block (He et al. 2016, inference form with batch norm folded into the
 * convolutions' weights and bias): {@code relu(conv3x3(relu(conv3x3(x))) + x)}, channels and
 * image size unchanged.
 */
public final class ResNetBasicBlock {
    private ResNetBasicBlock() {}

    /**
     * @param channels input = output channels
     * @param algorithm the algorithm choice of both convolutions
     * @param seed weight seed
     * @return the block
     */
    public static Residual build(int channels, AlgorithmChoice algorithm, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ConvSpec first = ConvSpec.builder().inChannels(channels).outChannels(channels).input(8, 8).kernel(3)
                .padding(1).bias(true).activation(Activation.RELU).build();
        ConvSpec second = first.toBuilder().activation(Activation.NONE).build();
        int fanIn = channels * 9;
        return new Residual(new Sequential(
                new Conv2d(first, LeNet5.random(r, first.weightSize(), fanIn), LeNet5.random(r, channels, fanIn), algorithm),
                new Conv2d(second, LeNet5.random(r, second.weightSize(), fanIn), LeNet5.random(r, channels, fanIn), algorithm)),
                Activation.RELU);
    }
}
