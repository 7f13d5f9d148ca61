package io.github.simdconv.spec;

import static io.github.simdconv.spec.Checks.nonNegative;
import static io.github.simdconv.spec.Checks.positive;

import java.util.Objects;

/**
 * Geometry of a 1D convolution (the cross-correlation ML calls convolution, as PyTorch's
 * {@code nn.Conv1d} and ONNX {@code Conv} on NCW data): input {@code [batch][inChannels][length]},
 * weights {@code [outChannels][inChannels/groups][kernel]}. It is the 2D convolution with height
 * 1, see {@link #toConv2d()}, so every 2D algorithm runs it. Immutable and validated.
 *
 * @param batch images per call
 * @param inChannels input channels
 * @param length input length
 * @param outChannels output channels
 * @param kernel kernel length
 * @param stride stride
 * @param padLeft zeros before the signal
 * @param padRight zeros after the signal
 * @param dilation distance between taps
 * @param groups channel groups
 * @param hasBias whether a bias is added
 * @param activation fused activation
 */
public record Conv1dSpec(int batch, int inChannels, int length, int outChannels, int kernel,
        int stride, int padLeft, int padRight, int dilation, int groups, boolean hasBias,
        Activation activation) {

    /** Validates; the 2D spec it maps to is validated too, so messages name 1D fields first. */
    public Conv1dSpec {
        positive("batch", batch);
        positive("inChannels", inChannels);
        positive("length", length);
        positive("outChannels", outChannels);
        positive("kernel", kernel);
        positive("stride", stride);
        nonNegative("padLeft", padLeft);
        nonNegative("padRight", padRight);
        positive("dilation", dilation);
        positive("groups", groups);
        Objects.requireNonNull(activation, "activation");
        long span = (long) dilation * (kernel - 1) + 1;
        long padded = (long) length + padLeft + padRight;
        if (padded < span) {
            throw new IllegalArgumentException("kernel = " + kernel + " (dilated extent " + span
                    + "): must be <= padded input length = length + padding = " + padded
                    + ", or there is no output");
        }
        // validates groups, divisibility and sizes (fields are not assigned yet: pass the parameters)
        new ConvSpec(batch, inChannels, 1, length, outChannels, 1, kernel, 1, stride,
                0, 0, padLeft, padRight, 1, dilation, groups, hasBias, activation);
    }

    /**
     * A simple single-group 1D convolution without bias.
     *
     * @param inChannels input channels
     * @param length input length
     * @param outChannels output channels
     * @param kernel kernel length
     * @return the spec with batch 1, stride 1, no padding
     */
    public static Conv1dSpec of(int inChannels, int length, int outChannels, int kernel) {
        return new Conv1dSpec(1, inChannels, length, outChannels, kernel, 1, 0, 0, 1, 1, false,
                Activation.NONE);
    }

    /** {@return output length} */
    public int outLength() {
        return (int) Checks.windowCount(length, padLeft, padRight, kernel, stride, dilation);
    }

    /** {@return the same operation as a 2D convolution over {@code 1 x length} images} */
    public ConvSpec toConv2d() {
        return new ConvSpec(batch, inChannels, 1, length, outChannels, 1, kernel, 1, stride,
                0, 0, padLeft, padRight, 1, dilation, groups, hasBias, activation);
    }

    /** {@return FLOPs of one call, {@code 2 * N * K * L_out * C/G * kernel}} */
    public long flops() {
        return toConv2d().flops();
    }
}
