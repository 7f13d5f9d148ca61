package io.github.simdconv.layer;

import io.github.simdconv.parallel.WorkerPool;
import io.github.simdconv.spec.Activation;

/**
 * A residual connection: {@code activation(body(x) + x)}, the skip of a ResNet basic block
 * (with {@link Activation#RELU}). The body must keep the shape. The sum is one float addition per
 * element, so the result does not depend on the thread count.
 */
public final class Residual extends AbstractLayer {
    private final Layer body;
    private final Activation activation;

    /**
     * @param body the residual branch; its output shape must equal its input shape
     * @param activation applied after the addition
     */
    public Residual(Layer body, Activation activation) {
        if (body == null) {
            throw new IllegalArgumentException("body is null");
        }
        if (activation == null) {
            throw new IllegalArgumentException("activation is null: use Activation.NONE");
        }
        this.body = body;
        this.activation = activation;
    }

    /** @return the activation applied after the addition */
    public Activation activation() {
        return activation;
    }

    /** @return the residual branch */
    public Layer body() {
        return body;
    }

    @Override
    public Shape outputShape(Shape input) {
        Shape out = body.outputShape(input);
        if (!out.equals(input)) {
            throw new IllegalArgumentException("Residual: body maps " + input + " to " + out
                    + ": the skip connection needs the same shape");
        }
        return out;
    }

    @Override
    public LayerPlan plan(Shape input, int threads) {
        outputShape(input);
        LayerPlan p = body.plan(input, threads);
        float[] branch = new float[input.size()];
        AddBody add = new AddBody(branch, activation == Activation.RELU);
        WorkerPool pool = WorkerPool.shared(threads);
        int chunks = Elementwise.chunks(input.size());
        return new BasePlan(input, input) {
            @Override
            public void run(float[] in, int inOff, float[] out, int outOff) {
                check(in, inOff, out, outOff);
                p.run(in, inOff, branch, 0);
                add.set(in, inOff, out, outOff, input.size());
                try {
                    pool.parallelFor(chunks, add);
                } finally {
                    add.set(null, 0, null, 0, 0);
                }
            }

            @Override
            public String describe() {
                return "Residual(" + activation + ")[" + p.describe() + "]";
            }
        };
    }

    /** {@code out = act(branch + in)} over chunks of elements; one float addition each, any split. */
    private static final class AddBody extends Elementwise {
        private final float[] branch;
        private final boolean relu;

        AddBody(float[] branch, boolean relu) {
            this.branch = branch;
            this.relu = relu;
        }

        @Override
        void apply(float[] in, int inOff, float[] out, int outOff, int from, int to) {
            for (int i = from; i < to; i++) {
                float v = branch[i] + in[inOff + i];
                out[outOff + i] = relu && v < 0f ? 0f : v;
            }
        }
    }

    @Override
    public String toString() {
        return "Residual(" + body + ", " + activation + ")";
    }
}
