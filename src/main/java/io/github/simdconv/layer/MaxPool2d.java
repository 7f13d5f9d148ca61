package io.github.simdconv.layer;

import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;

/**
 * Max pooling over each channel (PyTorch {@code nn.MaxPool2d}): NaN propagates, padding never wins, ties pick the first maximum. The {@link PoolSpec}
 * is a template: window, stride, padding, dilation and ceil mode are the layer's; batch,
 * channels and input size come from each input.
 */
public final class MaxPool2d extends PoolLayer {
    private final PoolSpec template;

    /**
     * A square window with stride equal to the window and no padding.
     *
     * @param kernel window size
     */
    public MaxPool2d(int kernel) {
        this(PoolSpec.builder(PoolKind.MAX).kernel(kernel).input(kernel, kernel).build(), AlgorithmChoice.AUTO);
    }

    /**
     * @param kernel square window size
     * @param stride stride on both axes
     * @param padding padding on all sides
     */
    public MaxPool2d(int kernel, int stride, int padding) {
        this(PoolSpec.builder(PoolKind.MAX).kernel(kernel).stride(stride).padding(padding)
                .input(kernel, kernel).build(),
                AlgorithmChoice.AUTO);
    }

    /**
     * @param template geometry template of kind {@code MAX} (batch, channels and input size are ignored)
     * @param algorithm how the algorithm is chosen
     */
    public MaxPool2d(PoolSpec template, AlgorithmChoice algorithm) {
        super(algorithm);
        if (template == null) {
            throw new IllegalArgumentException("template is null");
        }
        if (template.kind() != PoolKind.MAX) {
            throw new IllegalArgumentException("template.kind = " + template.kind() + ": must be MAX for MaxPool2d");
        }
        this.template = template;
    }

    @Override
    public PoolSpec specFor(Shape input) {
        return fit(template, input, "MaxPool2d");
    }

    @Override
    public String toString() {
        return "MaxPool2d(k=" + template.kernelH() + "x" + template.kernelW() + ", s=" + template.strideH() + ")";
    }
}
