package io.github.simdconv.layer;

/**
 * One layer ready to run on one input shape: algorithms chosen, weights packed and scratch
 * memory sized at plan time. {@link #run} checks its arrays, then allocates nothing.
 *
 * <p>A plan owns scratch memory: it must not be run by two threads at once. The layers' own
 * {@link Layer#forward(Tensor, Tensor)} keeps one plan per concurrent caller, so that is only a
 * concern for code that calls {@link Layer#plan} itself.
 */
public interface LayerPlan {
    /** @return the input shape this plan accepts */
    Shape inputShape();

    /** @return the output shape this plan produces */
    Shape outputShape();

    /**
     * Runs the layer.
     *
     * @param in {@code inputShape().size()} floats from {@code inOff}, NCHW; never written
     * @param inOff first input element
     * @param out {@code outputShape().size()} floats from {@code outOff}; nothing else is written
     * @param outOff first output element
     * @throws IllegalArgumentException if an array is null or too small, before any write
     */
    void run(float[] in, int inOff, float[] out, int outOff);

    /** @return what runs, e.g. {@code "Conv2d[im2col] Conv[...]"}, for logs and tests */
    String describe();
}
