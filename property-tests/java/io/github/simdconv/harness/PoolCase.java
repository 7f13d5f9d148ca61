package io.github.simdconv.harness;

import io.github.simdconv.spec.PoolSpec;

/**
 * One generated pooling problem.
 *
 * @param spec the geometry
 * @param data how the input is filled
 * @param dataSeed the data seed
 * @param threads threads to plan with
 */
public record PoolCase(PoolSpec spec, PoolData data, long dataSeed, int threads) {
    @Override
    public String toString() {
        return spec + " data=" + data + " seed=" + dataSeed + " threads=" + threads;
    }
}
