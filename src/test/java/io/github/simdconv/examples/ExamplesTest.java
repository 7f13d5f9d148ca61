package io.github.simdconv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.simdconv.harness.LayerRef;
import io.github.simdconv.layer.AlgorithmChoice;
import io.github.simdconv.layer.Layer;
import io.github.simdconv.layer.Shape;
import io.github.simdconv.layer.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The example networks compile, run, report their shapes and match the reference composition. */
class ExamplesTest {

    static Tensor randomInput(Shape s, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[s.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        return Tensor.of(s, x);
    }

    @Test
    void leNetClassifiesA28x28BatchIntoTenScores() {
        Layer net = LeNet5.build(AlgorithmChoice.AUTO, 1);
        Shape in = Shape.of(3, 1, 28, 28);
        assertEquals(Shape.vector(3, 10), net.outputShape(in));
        Tensor x = randomInput(in, 2);
        for (int threads : new int[] {1, 2}) {
            net.threads(threads);
            Tensor y = net.forward(x);
            assertEquals(Shape.vector(3, 10), y.shape());
            LayerRef.assertMatches("LeNet-5 on " + threads + " threads", net, in, x.toArray(), y.toArray());
        }
    }

    @Test
    void resNetBlockKeepsTheShapeAndMatchesTheReference() {
        Layer block = ResNetBasicBlock.build(16, AlgorithmChoice.AUTO, 3);
        Shape in = Shape.of(2, 16, 14, 14);
        assertEquals(in, block.outputShape(in));
        Tensor x = randomInput(in, 4);
        Tensor y = block.forward(x);
        LayerRef.assertMatches("ResNet basic block", block, in, x.toArray(), y.toArray());
    }
}
