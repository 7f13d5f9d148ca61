package io.github.simdconv.layer;

/**
 * {@code [N, C, H, W] -> [N, C*H*W, 1, 1]} (PyTorch {@code nn.Flatten}), the bridge from
 * convolutions to {@link Linear}. The NCHW element order is unchanged; the layer copies (to
 * keep a view without copying, use {@link Tensor#reshape}).
 */
public final class Flatten extends AbstractLayer {
    /** Creates the layer. */
    public Flatten() {}

    @Override
    public Shape outputShape(Shape input) {
        if (input == null) {
            throw new IllegalArgumentException("input shape is null");
        }
        return Shape.vector(input.batch(), input.imageSize());
    }

    @Override
    public LayerPlan plan(Shape input, int threads) {
        Shape out = outputShape(input);
        return new BasePlan(input, out) {
            @Override
            public void run(float[] in, int inOff, float[] o, int outOff) {
                check(in, inOff, o, outOff);
                System.arraycopy(in, inOff, o, outOff, out.size());
            }

            @Override
            public String describe() {
                return "Flatten " + input + " -> " + out;
            }
        };
    }

    @Override
    public String toString() {
        return "Flatten";
    }
}
