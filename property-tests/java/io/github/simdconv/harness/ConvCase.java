package io.github.simdconv.harness;

import io.github.simdconv.spec.ConvSpec;

/**
 * One generated convolution problem: the geometry, how to fill the data, and the data seed.
 *
 * @param spec the geometry
 * @param data small integers (exact comparison) or reals (bounded error)
 * @param dataSeed seed of the data
 * @param threads threads to plan with
 */
public record ConvCase(ConvSpec spec, DataKind data, long dataSeed, int threads) {
    @Override
    public String toString() {
        return spec + " data=" + data + " seed=" + dataSeed + " threads=" + threads;
    }
}
