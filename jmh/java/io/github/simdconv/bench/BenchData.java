package io.github.simdconv.bench;

import io.github.simdconv.spec.ConvSpec;
import io.github.simdconv.spec.PoolSpec;
import java.util.SplittableRandom;

/**
 * The benchmark inputs, the same for every algorithm and for ONNX Runtime: uniform values in
 * [-1, 1) from a fixed seed, drawn in a fixed order (input, weights, bias).
 *
 * @param input NCHW input
 * @param weights OIHW weights (empty for pooling)
 * @param bias per-output-channel bias (empty for pooling)
 */
public record BenchData(float[] input, float[] weights, float[] bias) {

    /** The seed every benchmark uses. */
    public static final long SEED = 42;

    /**
     * @param spec a convolution
     * @return its input, weights and bias
     */
    public static BenchData conv(ConvSpec spec) {
        SplittableRandom r = new SplittableRandom(SEED);
        float[] input = fill(r, spec.inputSize());
        float[] w = fill(r, spec.weightSize());
        float[] b = fill(r, spec.outChannels());
        return new BenchData(input, w, b);
    }

    /**
     * @param spec a pooling
     * @return its input
     */
    public static BenchData pool(PoolSpec spec) {
        return new BenchData(fill(new SplittableRandom(SEED), spec.inputSize()), new float[0], new float[0]);
    }

    private static float[] fill(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }
}
