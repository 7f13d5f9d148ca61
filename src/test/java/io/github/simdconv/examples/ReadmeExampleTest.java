package io.github.simdconv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

// README imports begin
import io.github.simdconv.layer.Conv2d;
import io.github.simdconv.layer.MaxPool2d;
import io.github.simdconv.layer.Sequential;
import io.github.simdconv.layer.Shape;
import io.github.simdconv.layer.Tensor;
import io.github.simdconv.spec.Activation;
// README imports end
import org.junit.jupiter.api.Test;

/** The README's usage example, verbatim between the markers, so it keeps compiling and running. */
class ReadmeExampleTest {

    @Test
    void readmeUsageExampleRuns() {
        // README example begins
        float[] weights = new float[16 * 3 * 3 * 3];   // OIHW, e.g. from a trained model
        float[] bias = new float[16];
        Sequential net = new Sequential(
                Conv2d.builder(3, 16, 3).padding(1).bias(true).activation(Activation.RELU)
                        .build(weights, bias),                // 3x3 conv, 3 -> 16 channels, fused ReLU
                new MaxPool2d(2));

        Tensor x = Tensor.zeros(Shape.of(1, 3, 32, 32));         // NCHW
        Tensor y = Tensor.zeros(net.outputShape(x.shape()));      // [1, 16, 16, 16]
        net.forward(x, y);   // plans once per input shape (algorithm AUTO), then allocates nothing
        // README example ends
        assertEquals(Shape.of(1, 16, 16, 16), y.shape());
    }
}
