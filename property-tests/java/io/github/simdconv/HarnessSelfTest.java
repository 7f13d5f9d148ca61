package io.github.simdconv;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.simdconv.conv.ConvAlgorithm;
import io.github.simdconv.conv.ConvArgs;
import io.github.simdconv.conv.ConvPlan;
import io.github.simdconv.conv.Support;
import io.github.simdconv.harness.ConvCheck;
import io.github.simdconv.harness.ConvGen;
import io.github.simdconv.harness.PoolCheck;
import io.github.simdconv.harness.PoolGen;
import io.github.simdconv.harness.Props;
import io.github.simdconv.pool.PoolAlgorithm;
import io.github.simdconv.pool.PoolArgs;
import io.github.simdconv.pool.PoolPlan;
import io.github.simdconv.reference.ReferenceConv;
import io.github.simdconv.reference.ReferencePool;
import io.github.simdconv.spec.ConvSpec;
import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;
import org.junit.jupiter.api.Test;

/**
 * The harness must be able to fail: deliberately broken "algorithms" (mutants) are run through
 * the same properties the real ones face, and each must be caught.
 */
class HarnessSelfTest {

    /** A convolution computed by the reference and then damaged by {@code mutation}. */
    private static ConvAlgorithm mutant(String name, java.util.function.BiConsumer<ConvSpec, float[]> mutation,
            boolean writePastEnd) {
        return new ConvAlgorithm() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Support supports(ConvSpec spec) {
                return Support.yes();
            }

            @Override
            public ConvPlan plan(ConvSpec spec, float[] weights, float[] bias, int threads) {
                ConvArgs.checkPlan(this, spec, weights, bias, threads);
                return new ConvPlan() {
                    @Override
                    public ConvSpec spec() {
                        return spec;
                    }

                    @Override
                    public String algorithm() {
                        return name;
                    }

                    @Override
                    public void execute(float[] in, int inOff, float[] out, int outOff) {
                        float[] r = new float[spec.outputSize()];
                        ReferenceConv.conv2d(spec, in, inOff, weights, bias, r, 0);
                        mutation.accept(spec, r);
                        System.arraycopy(r, 0, out, outOff, r.length);
                        if (writePastEnd) {
                            out[outOff + r.length] = 0f;
                        }
                    }
                };
            }
        };
    }

    private static void mustFail(ConvAlgorithm a) {
        assertThrows(AssertionError.class, () -> Props.check("mutant " + a.name(), 0.5,
                ConvGen.general().cases(), c -> ConvCheck.check(a, c, 1.0, true)));
    }

    @Test
    void catchesAWrongValue() {
        mustFail(mutant("last-output-off-by-one", (s, r) -> r[r.length - 1] += 1f, false));
    }

    @Test
    void catchesAnUnwrittenOutput() {
        mustFail(mutant("first-output-unwritten", (s, r) -> r[0] = Float.intBitsToFloat(ConvCheck.UNWRITTEN_BITS), false));
    }

    @Test
    void catchesAWritePastTheEnd() {
        mustFail(mutant("writes-past-end", (s, r) -> { }, true));
    }

    @Test
    void catchesASmallRelativeErrorOnRealData() {
        // 2^-12 relative error is far above the dot-product bound for the short sums generated
        mustFail(mutant("relative-error", (s, r) -> {
            for (int i = 0; i < r.length; i++) {
                r[i] = r[i] * (1 + 0x1p-12f) + 0x1p-12f;
            }
        }, false));
    }

    @Test
    void catchesAMaxPoolThatReportsTheLastTie() {
        PoolAlgorithm lastTie = new PoolAlgorithm() {
            @Override
            public String name() {
                return "last-tie";
            }

            @Override
            public Support supports(PoolSpec spec) {
                return Support.yes();
            }

            @Override
            public PoolPlan plan(PoolSpec spec, int threads) {
                PoolArgs.checkPlan(this, spec, threads);
                return new PoolPlan() {
                    @Override
                    public PoolSpec spec() {
                        return spec;
                    }

                    @Override
                    public String algorithm() {
                        return "last-tie";
                    }

                    @Override
                    public void execute(float[] in, int inOff, float[] out, int outOff) {
                        ReferencePool.pool(spec, in, inOff, out, outOff);
                    }

                    @Override
                    public void executeWithIndices(float[] in, int inOff, float[] out, int outOff, int[] idx, int idxOff) {
                        ReferencePool.maxPool(spec, in, inOff, out, outOff, idx, idxOff);
                        // mutate: for each output, move the index to the last equal tap in its row
                        int w = spec.inWidth();
                        for (int i = 0; i < spec.outputSize(); i++) {
                            int a = idx[idxOff + i];
                            if (a >= 0 && (a % w) + 1 < w && in[inOff + a + 1] == in[inOff + a]) {
                                idx[idxOff + i] = a + 1;
                            }
                        }
                    }
                };
            }
        };
        assertThrows(AssertionError.class, () -> Props.check("mutant last-tie", 1.0,
                PoolGen.general().kinds(PoolKind.MAX).kernels(2, 3, 4).strides(1, 2).globalPercent(0).cases(),
                c -> PoolCheck.check(lastTie, c)));
    }
}
