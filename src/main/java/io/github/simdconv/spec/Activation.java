package io.github.simdconv.spec;

/** Activation fused into the write-back of a convolution (applied after the bias). */
public enum Activation {
    /** Output is the convolution plus bias. */
    NONE,
    /** Output is {@code max(0, conv + bias)}; NaN stays NaN (as {@code torch.relu}). */
    RELU;

    /**
     * Applies this activation to one value.
     *
     * @param v the pre-activation value
     * @return the activated value
     */
    public float apply(float v) {
        // v < 0 is false for NaN, so NaN propagates as in PyTorch
        return this == RELU && v < 0f ? 0f : v;
    }
}
