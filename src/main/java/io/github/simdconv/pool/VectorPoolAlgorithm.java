package io.github.simdconv.pool;

import io.github.simdconv.conv.Support;
import io.github.simdconv.parallel.WorkerPool;
import io.github.simdconv.simd.Simd;
import io.github.simdconv.spec.PoolSpec;

/**
 * Vectorized max, average and global pooling ({@code "vector"}), for every {@link PoolSpec}.
 *
 * <p>Outputs of a row are computed {@code L} at a time ({@code L} = lanes of the preferred float
 * vector): stride 1 by plain loads, stride 2 by a de-interleave of two loads, larger strides by a
 * gather; windows 3 and 2 wide at stride 2 (ResNet's 3x3/s2 stem pool, 2x2/s2 pools) have their own
 * inner loops. Global pooling runs over each plane as one long vector reduction. Threads split the
 * {@code N*C} image planes, so a window is never reduced by two threads and the output is the same
 * for any thread count. Max pooling (values and argmax) is bitwise equal to
 * {@link io.github.simdconv.reference.ReferencePool}; averages differ only by float summation order.
 *
 * <p>Pooling reads each input element about {@code kh*kw/(sh*sw)} times from cache but once from
 * memory, so on large inputs it runs at memory bandwidth; see the class javadoc of
 * {@link VectorPoolKernel} for the kernels. Without the Vector API it runs {@link ScalarPoolKernel},
 * with the same plane split and window clipping.
 */
public final class VectorPoolAlgorithm implements PoolAlgorithm {
    /** The singleton. */
    public static final VectorPoolAlgorithm INSTANCE = new VectorPoolAlgorithm();

    private VectorPoolAlgorithm() {}

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public Support supports(PoolSpec spec) {
        return Support.yes();
    }

    @Override
    public PoolPlan plan(PoolSpec spec, int threads) {
        PoolArgs.checkPlan(this, spec, threads);
        PoolKernel kernel = Simd.vectorEnabled() ? VectorKernels.create(spec, threads) : new ScalarPoolKernel(spec);
        return new Plan(spec, kernel, WorkerPool.shared(threads));
    }

    /** Creates the vector kernel; a separate class so that nothing vector loads on the scalar path. */
    private static final class VectorKernels {
        static PoolKernel create(PoolSpec spec, int threads) {
            return new VectorPoolKernel(spec, threads);
        }
    }

    private static final class Plan implements PoolPlan {
        private final PoolSpec spec;
        private final PoolKernel kernel;
        private final WorkerPool pool;
        private final int planes;

        Plan(PoolSpec spec, PoolKernel kernel, WorkerPool pool) {
            this.spec = spec;
            this.kernel = kernel;
            this.pool = pool;
            this.planes = spec.batch() * spec.channels();
        }

        @Override
        public PoolSpec spec() {
            return spec;
        }

        @Override
        public String algorithm() {
            return "vector";
        }

        @Override
        public void execute(float[] input, int inOff, float[] output, int outOff) {
            PoolArgs.checkExecute(spec, input, inOff, output, outOff);
            run(input, inOff, output, outOff, null, 0);
        }

        @Override
        public void executeWithIndices(float[] input, int inOff, float[] output, int outOff,
                int[] indices, int idxOff) {
            PoolArgs.checkExecute(spec, input, inOff, output, outOff);
            PoolArgs.checkIndices(spec, indices, idxOff);
            run(input, inOff, output, outOff, indices, idxOff);
        }

        private void run(float[] input, int inOff, float[] output, int outOff, int[] indices, int idxOff) {
            PoolKernel k = kernel;
            k.in = input;
            k.inOff = inOff;
            k.out = output;
            k.outOff = outOff;
            k.idx = indices;
            k.idxOff = idxOff;
            try {
                pool.parallelFor(planes, k);
            } finally {
                // drop the caller's arrays: a plan must not keep them alive
                k.in = null;
                k.out = null;
                k.idx = null;
            }
        }
    }
}
