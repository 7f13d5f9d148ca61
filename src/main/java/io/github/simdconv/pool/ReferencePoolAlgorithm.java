package io.github.simdconv.pool;

import io.github.simdconv.conv.Support;
import io.github.simdconv.reference.ReferencePool;
import io.github.simdconv.spec.PoolSpec;

/** The naive reference pooling as a registered algorithm ({@code "reference"}). */
public final class ReferencePoolAlgorithm implements PoolAlgorithm {
    /** The singleton. */
    public static final ReferencePoolAlgorithm INSTANCE = new ReferencePoolAlgorithm();

    private ReferencePoolAlgorithm() {}

    @Override
    public String name() {
        return "reference";
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
                return "reference";
            }

            @Override
            public void execute(float[] input, int inOff, float[] output, int outOff) {
                PoolArgs.checkExecute(spec, input, inOff, output, outOff);
                ReferencePool.pool(spec, input, inOff, output, outOff);
            }

            @Override
            public void executeWithIndices(float[] input, int inOff, float[] output, int outOff,
                    int[] indices, int idxOff) {
                PoolArgs.checkExecute(spec, input, inOff, output, outOff);
                PoolArgs.checkIndices(spec, indices, idxOff);
                ReferencePool.maxPool(spec, input, inOff, output, outOff, indices, idxOff);
            }
        };
    }
}
