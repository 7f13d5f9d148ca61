package io.github.simdconv.harness;

import io.github.simdconv.conv.ConvAlgorithm;
import io.github.simdconv.conv.ConvPlan;
import io.github.simdconv.spec.ConvSpec;

/** Checks that an algorithm's output does not depend on its thread count, bit for bit. */
public final class ThreadCheck {
    private ThreadCheck() {}

    /**
     * Runs {@code spec} on real-valued data (where summation order shows) with each thread count
     * and requires bitwise equal outputs.
     *
     * @param algorithm the algorithm
     * @param spec the geometry
     * @param threads thread counts to compare, the first is the baseline
     */
    public static void sameForThreads(ConvAlgorithm algorithm, ConvSpec spec, int... threads) {
        if (!algorithm.supports(spec).supported()) {
            return;
        }
        long seed = spec.hashCode();
        float[] in = DataKind.REAL.fill(spec.inputSize(), seed);
        float[] w = DataKind.REAL.fill(spec.weightSize(), seed + 1);
        float[] b = spec.hasBias() ? DataKind.REAL.fill(spec.outChannels(), seed + 2) : null;
        float[] base = null;
        for (int t : threads) {
            ConvPlan plan = algorithm.plan(spec, w, b, t);
            float[] out = new float[spec.outputSize()];
            plan.execute(in, out);
            if (base == null) {
                base = out;
            } else {
                for (int i = 0; i < out.length; i++) {
                    if (Float.floatToRawIntBits(out[i]) != Float.floatToRawIntBits(base[i])) {
                        throw new AssertionError(algorithm.name() + " on " + spec + ": output " + i + " with "
                                + t + " threads is " + out[i] + ", with " + threads[0] + " threads " + base[i]);
                    }
                }
            }
        }
    }
}
