package io.github.simdconv.pool;

import io.github.simdconv.spec.PoolSpec;

/**
 * The scalar fallback of {@link VectorPoolAlgorithm} (runs when the Vector API is absent): the same
 * plane split and the same precomputed window clipping, one output at a time.
 */
final class ScalarPoolKernel extends PoolKernel {

    ScalarPoolKernel(PoolSpec s) {
        super(s, 0);
    }

    @Override
    void plane(int p, int worker) {
        for (int y = 0; y < oh; y++) {
            scalarColumns(p, y, 0, ow);
        }
    }

    @Override
    void globalPlane(int p, int worker) {
        if (max) {
            globalMaxScalar(p, 0, Float.NEGATIVE_INFINITY, -1);
        } else {
            float[] a = in;
            int base = inOff + p * planeIn;
            float sum = 0f;
            for (int k = 0; k < planeIn; k++) {
                sum += a[base + k];
            }
            out[outOff + p] = sum / (float) planeIn;
        }
    }
}
