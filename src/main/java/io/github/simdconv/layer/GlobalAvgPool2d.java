package io.github.simdconv.layer;

import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;

/**
 * Global average pooling (PyTorch {@code nn.AdaptiveAvgPool2d(1)}, ONNX
 * {@code GlobalAveragePool}): {@code [N, C, H, W] -> [N, C, 1, 1]}, the mean of each channel.
 */
public final class GlobalAvgPool2d extends PoolLayer {
    /** With {@link AlgorithmChoice#AUTO}. */
    public GlobalAvgPool2d() {
        this(AlgorithmChoice.AUTO);
    }

    /**
     * A global average pooling layer (one value per channel).
     * @param algorithm how the algorithm is chosen
     */
    public GlobalAvgPool2d(AlgorithmChoice algorithm) {
        super(algorithm);
    }

    @Override
    public PoolSpec specFor(Shape input) {
        if (input == null) {
            throw new IllegalArgumentException("input shape is null");
        }
        return PoolSpec.global(PoolKind.AVG, input.batch(), input.channels(), input.height(), input.width());
    }

    @Override
    public String toString() {
        return "GlobalAvgPool2d";
    }
}
