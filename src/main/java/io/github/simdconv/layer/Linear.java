package io.github.simdconv.layer;

import io.github.simdconv.parallel.ParallelBody;
import io.github.simdconv.parallel.WorkerPool;
import io.github.simdconv.spec.Checks;

/**
 * A fully connected layer (PyTorch {@code nn.Linear}): {@code y = x W^T + b} on
 * {@code [N, inFeatures, 1, 1]} tensors (put a {@link Flatten} before it), weights
 * {@code [outFeatures][inFeatures]} row-major (PyTorch's layout), optional bias.
 *
 * <p>Each output is one dot product summed in index order by one thread, so the result does not
 * depend on the thread count; output features are split across the threads.
 */
public final class Linear extends AbstractLayer {
    private final int inFeatures;
    private final int outFeatures;
    private final float[] weights;
    private final float[] bias;

    /**
     * @param inFeatures input features, {@code >= 1}
     * @param outFeatures output features, {@code >= 1}
     * @param weights {@code outFeatures * inFeatures} floats, row {@code o} holds output {@code o}'s weights (copied)
     * @param bias {@code outFeatures} floats, or null for none (copied)
     */
    public Linear(int inFeatures, int outFeatures, float[] weights, float[] bias) {
        Checks.positive("inFeatures", inFeatures);
        Checks.positive("outFeatures", outFeatures);
        int size = Checks.product("weight size (outFeatures*inFeatures)", outFeatures, inFeatures);
        if (weights == null) {
            throw new IllegalArgumentException("weights is null: outFeatures*inFeatures = " + size + " floats are required");
        }
        if (weights.length != size) {
            throw new IllegalArgumentException("weights.length = " + weights.length + ": must be outFeatures*inFeatures = "
                    + outFeatures + "*" + inFeatures + " = " + size);
        }
        if (bias != null && bias.length != outFeatures) {
            throw new IllegalArgumentException("bias.length = " + bias.length + ": must be outFeatures = " + outFeatures
                    + " (or null for no bias)");
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weights = weights.clone();
        this.bias = bias == null ? null : bias.clone();
    }

    /** @return a copy of the weights, {@code [outFeatures][inFeatures]} row-major */
    public float[] weights() {
        return weights.clone();
    }

    /** @return a copy of the bias, or null */
    public float[] bias() {
        return bias == null ? null : bias.clone();
    }

    /** @return input features */
    public int inFeatures() {
        return inFeatures;
    }

    /** @return output features */
    public int outFeatures() {
        return outFeatures;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input == null) {
            throw new IllegalArgumentException("input shape is null");
        }
        if (input.height() != 1 || input.width() != 1 || input.channels() != inFeatures) {
            String hint = input.imageSize() == inFeatures ? " (put a Flatten before this layer)" : "";
            throw new IllegalArgumentException("Linear: input shape " + input + ": must be [N, inFeatures = "
                    + inFeatures + ", 1, 1]" + hint);
        }
        return Shape.vector(input.batch(), outFeatures);
    }

    @Override
    public LayerPlan plan(Shape input, int threads) {
        Shape out = outputShape(input);
        Checks.positive("threads", threads);
        WorkerPool pool = WorkerPool.shared(threads);
        Body body = new Body(input.batch());
        return new BasePlan(input, out) {
            @Override
            public void run(float[] in, int inOff, float[] o, int outOff) {
                check(in, inOff, o, outOff);
                body.in = in;
                body.inOff = inOff;
                body.out = o;
                body.outOff = outOff;
                try {
                    pool.parallelFor(outFeatures, body);
                } finally {
                    body.in = null;
                    body.out = null;
                }
            }

            @Override
            public String describe() {
                return "Linear[simple] " + input + " -> " + out;
            }
        };
    }

    /** The loop over a range of output features, made once per plan. */
    private final class Body implements ParallelBody {
        final int batch;
        float[] in;
        int inOff;
        float[] out;
        int outOff;

        Body(int batch) {
            this.batch = batch;
        }

        @Override
        public void run(int begin, int end, int worker) {
            float[] x = in;
            float[] y = out;
            int f = inFeatures;
            for (int n = 0; n < batch; n++) {
                int xr = inOff + n * f;
                int yr = outOff + n * outFeatures;
                for (int o = begin; o < end; o++) {
                    int wr = o * f;
                    float acc = bias == null ? 0f : bias[o];
                    for (int i = 0; i < f; i++) {
                        acc += x[xr + i] * weights[wr + i];
                    }
                    y[yr + o] = acc;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Linear(" + inFeatures + " -> " + outFeatures + ")";
    }
}
