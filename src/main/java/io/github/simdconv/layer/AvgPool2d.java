package io.github.simdconv.layer;

import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;

/**
 * Average pooling over each channel (PyTorch {@code nn.AvgPool2d}): padding is not counted in the divisor unless the template says {@code countIncludePad}. The {@link PoolSpec}
 * is a template: window, stride, padding and ceil mode are the layer's; batch,
 * channels and input size come from each input.
 */
public final class AvgPool2d extends PoolLayer {
    private final PoolSpec template;

    /**
     * A square window with stride equal to the window and no padding.
     *
     * @param kernel window size
     */
    public AvgPool2d(int kernel) {
        this(PoolSpec.builder(PoolKind.AVG).kernel(kernel).input(kernel, kernel).build(), AlgorithmChoice.AUTO);
    }

    /**
     * @param kernel square window size
     * @param stride stride on both axes
     * @param padding padding on all sides
     */
    public AvgPool2d(int kernel, int stride, int padding) {
        this(PoolSpec.builder(PoolKind.AVG).kernel(kernel).stride(stride).padding(padding)
                .input(kernel, kernel).build(),
                AlgorithmChoice.AUTO);
    }

    /**
     * @param template geometry template of kind {@code AVG} (batch, channels and input size are ignored)
     * @param algorithm how the algorithm is chosen
     */
    public AvgPool2d(PoolSpec template, AlgorithmChoice algorithm) {
        super(algorithm);
        if (template == null) {
            throw new IllegalArgumentException("template is null");
        }
        if (template.kind() != PoolKind.AVG) {
            throw new IllegalArgumentException("template.kind = " + template.kind() + ": must be AVG for AvgPool2d");
        }
        this.template = template;
    }

    @Override
    public PoolSpec specFor(Shape input) {
        return fit(template, input, "AvgPool2d");
    }

    @Override
    public String toString() {
        return "AvgPool2d(k=" + template.kernelH() + "x" + template.kernelW() + ", s=" + template.strideH() + ")";
    }
}
