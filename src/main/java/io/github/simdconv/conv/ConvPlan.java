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
}
