package io.github.simdconv.pool;

import io.github.simdconv.spec.PoolSpec;

/**
 * A pooling ready to run. {@link #execute} checks bounds, then allocates nothing. One plan must
 * not be executed by two threads at once.
 */
public interface PoolPlan {
    /** @return the geometry */
    PoolSpec spec();

    /** @return the short name of the algorithm that made it */
    String algorithm();

    /**
     * Pools the NCHW input into the NCHW output.
     *
     * @param input {@code spec().inputSize()} floats from {@code inOff}
     * @param inOff first input element
     * @param output {@code spec().outputSize()} floats from {@code outOff}
     * @param outOff first output element
     */
    void execute(float[] input, int inOff, float[] output, int outOff);

    /**
     * Max pooling with argmax indices: for each output, the flat index into the input tensor
     * ({@code ((n*C + c)*H + h)*W + w}, relative to {@code inOff}; ONNX MaxPool's Indices with
     * storage_order 0). Ties pick the first maximum; see {@link io.github.simdconv.reference.ReferencePool}.
     *
     * @param input the input from {@code inOff}
     * @param inOff first input element
     * @param output the output from {@code outOff}
     * @param outOff first output element
     * @param indices {@code spec().outputSize()} ints from {@code idxOff}
     * @param idxOff first index element
     * @throws IllegalArgumentException if the spec is not max pooling
     */
    void executeWithIndices(float[] input, int inOff, float[] output, int outOff, int[] indices, int idxOff);

    /**
     * @param input the input
     * @param output the output
     */
    default void execute(float[] input, float[] output) {
        execute(input, 0, output, 0);
    }
}
