package io.github.simdconv.layer;

/**
 * One step of a network on NCHW tensors. A layer holds its configuration and weights (immutable
 * after construction); everything shape-dependent lives in a {@link LayerPlan} made once per
 * input shape.
 *
 * <p>Contract:
 * <ul>
 * <li>{@link #outputShape} tells the output shape for an input shape before running, or throws
 *     {@link IllegalArgumentException} saying why the input is not accepted (wrong channel
 *     count, image smaller than the kernel, an explicit algorithm that does not support it);</li>
 * <li>{@link #forward(Tensor, Tensor)} may be called from many threads at once: each concurrent
 *     caller gets its own plan (scratch memory), and after a thread's first call on a shape it
 *     allocates nothing;</li>
 * <li>the output depends only on the input, never on the thread count (bitwise).</li>
 * </ul>
 * Implement a custom layer by extending {@link AbstractLayer}.
 */
public interface Layer {
    /**
     * @param input an input shape
     * @return the output shape for it
     * @throws IllegalArgumentException if this layer does not accept the input shape, saying why
     */
    Shape outputShape(Shape input);

    /**
     * Makes a new plan for one input shape. The caller owns it (one thread at a time).
     *
     * @param input the input shape
     * @param threads worker threads the plan uses, {@code >= 1}
     * @return the plan
     * @throws IllegalArgumentException if the input shape is not accepted
     */
    LayerPlan plan(Shape input, int threads);

    /** @return worker threads used by {@link #forward} */
    int threads();

    /**
     * Sets the worker threads of {@link #forward} (default
     * {@link io.github.simdconv.parallel.WorkerPool#defaultThreads()}). Results do not depend on
     * it. A layer inside a {@link Sequential} runs with the Sequential's thread count.
     *
     * @param threads worker threads, {@code >= 1}
     * @return this layer
     */
    Layer threads(int threads);

    /**
     * Runs the layer into a given output tensor, planning on the first call for this input
     * shape and reusing the plan afterwards.
     *
     * @param input the input
     * @param output a tensor of shape {@code outputShape(input.shape())}; must not share the input's array
     * @throws IllegalArgumentException on a null tensor or a wrong shape, before any work
     */
    void forward(Tensor input, Tensor output);

    /**
     * Runs the layer into a new output tensor (allocates the output; use
     * {@link #forward(Tensor, Tensor)} in a loop that must not allocate).
     *
     * @param input the input
     * @return the output
     */
    default Tensor forward(Tensor input) {
        if (input == null) {
            throw new IllegalArgumentException("input is null");
        }
        Tensor out = Tensor.zeros(outputShape(input.shape()));
        forward(input, out);
        return out;
    }
}
