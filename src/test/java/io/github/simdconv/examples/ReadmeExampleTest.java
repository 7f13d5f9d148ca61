package io.github.simdconv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

// README imports begin
import io.github.simdconv.layer.Conv2d;
import io.github.simdconv.layer.MaxPool2d;
import io.github.simdconv.layer.Sequential;
import io.github.simdconv.layer.Shape;
import io.github.simdconv.layer.Tensor;
import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.ConvSpec;
// README imports end
import org.junit.jupiter.api.Test;

/** The README's usage example, verbatim between the markers, so it keeps compiling and running. */
class ReadmeExampleTest {

    @Test
    void readmeUsageExampleRuns() {
        // README example begins
        // 3x3 convolution, 3 -> 16 channels, bias and fused ReLU; then 2x2 max pooling
        ConvSpec conv = ConvSpec.builder().inChannels(3).outChannels(16).kernel(3).padding(1)
                .bias(true).activation(Activation.RELU).build();
        float[] weights = new float[conv.weightSize()];   // OIHW, e.g. from a trained model
        float[] bias = new float[16];
        Sequential net = new Sequential(new Conv2d(conv, weights, bias), new MaxPool2d(2));

        Tensor x = Tensor.zeros(Shape.of(1, 3, 32, 32));         // NCHW
        Tensor y = Tensor.zeros(net.outputShape(x.shape()));      // [1, 16, 16, 16]
        net.forward(x, y);   // plans once per input shape (algorithm AUTO), then allocates nothing
        // README example ends
        assertEquals(Shape.of(1, 16, 16, 16), y.shape());
    }
}
