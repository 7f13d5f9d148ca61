package io.github.simdconv.layer;

import io.github.simdconv.gemm.Gemm;
import io.github.simdconv.gemm.GemmWorkspace;
import io.github.simdconv.gemm.PackedA;
import io.github.simdconv.parallel.ParallelBody;
import io.github.simdconv.parallel.WorkerPool;
import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.Checks;

/**
 * A fully connected layer (PyTorch {@code nn.Linear}): {@code y = x W^T + b} on
 * {@code [N, inFeatures, 1, 1]} tensors (put a {@link Flatten} before it), weights
 * {@code [outFeatures][inFeatures]} row-major (PyTorch's layout), optional bias.
 *
 * <p>Runs on the project's packed SGEMM ({@link Gemm}): {@code Y^T = W X^T + b} with W packed
 * once at construction, output features split across the threads in micro-panel rows. Every
 * output is summed in the same order whatever the split, so the result does not depend on the
 * thread count. An optional ReLU is fused into the GEMM's write-back.
 */
public final class Linear extends AbstractLayer {
    private final int inFeatures;
    private final int outFeatures;
    private final float[] weights;
    private final float[] bias;
    private final Activation activation;
    private final PackedA packed;

    /**
     * @param inFeatures input features, {@code >= 1}
     * @param outFeatures output features, {@code >= 1}
     * @param weights {@code outFeatures * inFeatures} floats, row {@code o} holds output {@code o}'s weights (copied)
     * @param bias {@code outFeatures} floats, or null for none (copied)
     */
    public Linear(int inFeatures, int outFeatures, float[] weights, float[] bias) {
        this(inFeatures, outFeatures, weights, bias, Activation.NONE);
    }

    /**
     * @param inFeatures input features, {@code >= 1}
     * @param outFeatures output features, {@code >= 1}
     * @param weights {@code outFeatures * inFeatures} floats, row {@code o} holds output {@code o}'s weights (copied)
     * @param bias {@code outFeatures} floats, or null for none (copied)
     * @param activation fused after the bias
     */
    public Linear(int inFeatures, int outFeatures, float[] weights, float[] bias, Activation activation) {
        if (activation == null) {
            throw new IllegalArgumentException("activation is null: use Activation.NONE");
        }
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
        this.activation = activation;
        // the weights are the GEMM's constant left operand: packed once, shared by every plan and thread
        this.packed = PackedA.pack(outFeatures, inFeatures, this.weights, 0, inFeatures, false);
    }

    /** @return the activation fused after the bias */
    public Activation activation() {
        return activation;
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
        Body body = new Body(input.batch(), threads);
        int panels = (outFeatures + Gemm.MR - 1) / Gemm.MR;
        return new BasePlan(input, out) {
            @Override
            public void run(float[] in, int inOff, float[] o, int outOff) {
                check(in, inOff, o, outOff);
                body.in = in;
                body.inOff = inOff;
                body.out = o;
                body.outOff = outOff;
                try {
                    pool.parallelFor(panels, body);
                } finally {
                    body.in = null;
                    body.out = null;
                }
            }

            @Override
            public String describe() {
                return "Linear[gemm" + (activation == Activation.RELU ? "+relu" : "") + "] " + input + " -> " + out;
            }
        };
    }

    /**
     * Rows {@code [begin*MR, end*MR)} of {@code Y^T = W X^T + b} (output features are the GEMM's
     * rows, so W is the pre-packed left operand and the bias a per-row bias), then their
     * transposition into the {@code [N][outFeatures]} output. Made once per plan.
     */
    private final class Body implements ParallelBody {
        final int batch;
        final GemmWorkspace[] workspaces;
        final float[] yt; // Y^T, [outFeatures][batch]
        float[] in;
        int inOff;
        float[] out;
        int outOff;

        Body(int batch, int threads) {
            this.batch = batch;
            this.workspaces = new GemmWorkspace[threads];
            for (int i = 0; i < threads; i++) {
                workspaces[i] = new GemmWorkspace(Math.min(inFeatures, Gemm.KC), batch);
            }
            this.yt = new float[outFeatures * batch];
        }

        @Override
        public void run(int begin, int end, int worker) {
            int r0 = begin * Gemm.MR;
            int r1 = Math.min(end * Gemm.MR, outFeatures);
            // B = X^T: X is stored [N][inFeatures], i.e. B transposed with row stride inFeatures
            Gemm.multiply(packed, r0, r1, batch, in, inOff, inFeatures, true, yt, 0, batch, false,
                    bias, 0, activation == Activation.RELU, workspaces[worker]);
            for (int o = r0; o < r1; o++) {
                for (int n = 0; n < batch; n++) {
                    out[outOff + n * outFeatures + o] = yt[o * batch + n];
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Linear(" + inFeatures + " -> " + outFeatures + ")";
    }
}
