package io.github.simdconv.harness;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.simdconv.pool.PoolAlgorithm;
import io.github.simdconv.pool.PoolPlan;
import io.github.simdconv.reference.ReferencePool;
import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;

/**
 * Holds one pooling algorithm against the reference on one case: max pooling bitwise (values
 * and argmax indices), average pooling within the rounding of a float sum of the window plus
 * one division ({@code (gamma(n) + 2u) * mean|x|}).
 */
public final class PoolCheck {
    private PoolCheck() {}

    /**
     * @param algorithm the algorithm under test
     * @param c the case
     */
    public static void check(PoolAlgorithm algorithm, PoolCase c) {
        PoolSpec s = c.spec();
        float[] in = c.data().fill(s.inputSize(), c.dataSeed());
        float[] expected = ReferencePool.pool(s, in);
        PoolPlan plan = algorithm.plan(s, c.threads());
        Guarded out = new Guarded(s.outputSize(), ConvCheck.UNWRITTEN_BITS);
        float[] inPadded = new float[in.length + 3];
        System.arraycopy(in, 0, inPadded, 3, in.length);
        plan.execute(inPadded, 3, out.array(), out.offset());
        String what = algorithm.name() + " on " + c;
        out.assertGuardsIntact(what);
        if (s.kind() == PoolKind.MAX) {
            Tolerance.assertExact(what, expected, out.region());
            int[] expIdx = new int[s.outputSize()];
            ReferencePool.maxPool(s, in, 0, new float[s.outputSize()], 0, expIdx, 0);
            int[] idx = new int[s.outputSize() + 4];
            java.util.Arrays.fill(idx, Integer.MIN_VALUE);
            Guarded out2 = new Guarded(s.outputSize(), ConvCheck.UNWRITTEN_BITS);
            plan.executeWithIndices(inPadded, 3, out2.array(), out2.offset(), idx, 2);
            out2.assertGuardsIntact(what + " (with indices)");
            Tolerance.assertExact(what + " (with indices)", expected, out2.region());
            if (idx[0] != Integer.MIN_VALUE || idx[1] != Integer.MIN_VALUE
                    || idx[idx.length - 1] != Integer.MIN_VALUE || idx[idx.length - 2] != Integer.MIN_VALUE) {
                fail(what + ": index guard cells overwritten");
            }
            for (int i = 0; i < expIdx.length; i++) {
                if (idx[i + 2] != expIdx[i]) {
                    fail(what + ": argmax at output " + i + " is " + idx[i + 2] + ", expected " + expIdx[i]);
                }
            }
        } else {
            float[] absIn = new float[in.length];
            for (int i = 0; i < in.length; i++) {
                absIn[i] = Math.abs(in[i]);
            }
            float[] absMean = ReferencePool.pool(s, absIn);
            // mean = fl(sum)/d: |error| <= gamma(n) * sum|x| / d + rounding of the division and of 1/d
            double factor = Tolerance.dotFactor(s.kernelH() * s.kernelW()) + 2 * Tolerance.U;
            Tolerance.assertWithin(what, expected, out.region(), absMean, factor);
        }
    }
}
