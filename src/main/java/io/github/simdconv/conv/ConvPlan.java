package io.github.simdconv.conv;

import io.github.simdconv.spec.ConvSpec;

/**
 * A convolution ready to run: weights packed and scratch memory sized once, at plan time.
 * {@link #execute} is the hot path: it checks the array bounds, then allocates nothing.
 *
 * <p>A plan owns scratch memory, so one plan must not be executed by two threads at once (use
 * one plan per thread; the plan's own worker threads are managed inside).
 */
public interface ConvPlan {
    /** {@return the geometry this plan computes} */
    ConvSpec spec();

    /** {@return the short name of the algorithm that made it} */
    String algorithm();

    /**
     * Computes the convolution of the NCHW input into the NCHW output.
     *
     * @param input {@code spec().inputSize()} floats from {@code inOff}
     * @param inOff first input element
     * @param output {@code spec().outputSize()} floats from {@code outOff}; nothing else is written
     * @param outOff first output element
     * @throws IllegalArgumentException if an array is null or too small, before any write
     */
    void execute(float[] input, int inOff, float[] output, int outOff);

    /**
     * {@link #execute(float[], int, float[], int)} at offsets 0.
     *
     * @param input the NCHW input
     * @param output the NCHW output
     */
    default void execute(float[] input, float[] output) {
        execute(input, 0, output, 0);
    }

    /**
     * {@return the zero-bordered layout this plan can read its input from in place, or
     * {@link Border#NONE} if it reads plain NCHW only} An input in this layout skips the plan's own
     * padding copy (see {@link Border}).
     */
    default Border inputBorder() {
        return Border.NONE;
    }

    /** {@return whether {@link #execute(float[], int, Border, float[], int, Border)} can write a bordered output} */
    default boolean writesBorder() {
        return false;
    }

    /**
     * Computes the convolution with the input and the output in zero-bordered layouts.
     * {@code inBorder} must be {@link Border#NONE} or {@link #inputBorder()}; {@code outBorder}
     * must be {@link Border#NONE} unless {@link #writesBorder()}. With both {@code NONE} this is
     * {@link #execute(float[], int, float[], int)}. Only the output's interior is written.
     *
     * @param input the input in layout {@code inBorder}, from {@code inOff}; its border and tail are zero
     * @param inOff first float of the input's buffer
     * @param inBorder the input's layout
     * @param output the output's buffer in layout {@code outBorder}, from {@code outOff}
     * @param outOff first float of the output's buffer
     * @param outBorder the output's layout
     * @throws IllegalArgumentException if a layout is not one this plan reads or writes, an array
     *     is null or too small, or both are the same array, before any write
     */
    default void execute(float[] input, int inOff, Border inBorder, float[] output, int outOff, Border outBorder) {
        ConvArgs.checkBorders(this, inBorder, outBorder);
        execute(input, inOff, output, outOff);
    }
}
