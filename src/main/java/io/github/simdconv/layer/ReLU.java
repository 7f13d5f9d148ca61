package io.github.simdconv.layer;

import io.github.simdconv.parallel.WorkerPool;

/**
 * {@code max(0, x)} elementwise (PyTorch {@code nn.ReLU}); NaN stays NaN, {@code -0.0} stays
 * {@code -0.0} (as {@code torch.relu}: only values {@code < 0} become 0). Prefer the activation
 * fused into {@link Conv2d} (the spec's {@code activation(RELU)}), which saves a pass over memory.
 */
public final class ReLU extends AbstractLayer {
    /** Creates the layer. */
    public ReLU() {}

    @Override
    public Shape outputShape(Shape input) {
        if (input == null) {
            throw new IllegalArgumentException("input shape is null");
        }
        return input;
    }

    @Override
    public LayerPlan plan(Shape input, int threads) {
        outputShape(input);
        Elementwise relu = new Elementwise() {
            @Override
            void apply(float[] in, int inOff, float[] out, int outOff, int from, int to) {
                for (int i = from; i < to; i++) {
                    float v = in[inOff + i];
                    out[outOff + i] = v < 0f ? 0f : v;
                }
            }
        };
        WorkerPool pool = WorkerPool.shared(threads);
        int chunks = Elementwise.chunks(input.size());
        return new BasePlan(input, input) {
            @Override
            public void run(float[] in, int inOff, float[] out, int outOff) {
                check(in, inOff, out, outOff);
                relu.set(in, inOff, out, outOff, input.size());
                try {
                    pool.parallelFor(chunks, relu);
                } finally {
                    relu.set(null, 0, null, 0, 0);
                }
            }

            @Override
            public String describe() {
                return "ReLU " + input;
            }
        };
    }

    @Override
    public String toString() {
        return "ReLU";
    }
}
