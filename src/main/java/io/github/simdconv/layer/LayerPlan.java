package io.github.simdconv.layer;

import io.github.simdconv.conv.Border;

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

    /**
     * {@return the zero-bordered layout this plan can read its input from in place, or
     * {@link Border#NONE}} {@link Sequential} hands such a plan its predecessor's output in that
     * layout when the predecessor {@link #writesBorder() writes borders}, skipping a copy.
     */
    default Border inputBorder() {
        return Border.NONE;
    }

    /** {@return whether {@link #run(float[], int, Border, float[], int, Border)} can write a bordered output} */
    default boolean writesBorder() {
        return false;
    }

    /**
     * Runs the layer with the input and the output in zero-bordered layouts ({@link Border}):
     * {@code inBorder} is {@link Border#NONE} or {@link #inputBorder()}, {@code outBorder} is
     * {@link Border#NONE} unless {@link #writesBorder()}. Only the output's interior is written.
     *
     * @param in the input's buffer, from {@code inOff}; its border and tail are zero
     * @param inOff first float of the input's buffer
     * @param inBorder the input's layout
     * @param out the output's buffer, from {@code outOff}
     * @param outOff first float of the output's buffer
     * @param outBorder the output's layout
     * @throws IllegalArgumentException if a layout is not one this plan reads or writes, or an
     *     array is null or too small, before any write
     */
    default void run(float[] in, int inOff, Border inBorder, float[] out, int outOff, Border outBorder) {
        if (inBorder == null || outBorder == null) {
            throw new IllegalArgumentException((inBorder == null ? "inBorder" : "outBorder")
                    + " is null: use Border.NONE for plain NCHW");
        }
        if (!inBorder.isNone() || !outBorder.isNone()) {
            throw new IllegalArgumentException("borders " + inBorder + " -> " + outBorder + ": " + describe()
                    + " reads and writes plain NCHW only (Border.NONE)");
        }
        run(in, inOff, out, outOff);
    }
}
