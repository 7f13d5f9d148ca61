package io.github.simdconv.harness;

import io.github.simdconv.conv.Winograd;
import io.github.simdconv.conv.WinogradTransform;
import io.github.simdconv.spec.ConvSpec;

/**
 * Per-algorithm generators: the registry-wide properties draw from the general generator,
 * narrowed to the geometry an algorithm supports so that its cases are not mostly skipped.
 * An algorithm that supports only part of {@link io.github.simdconv.spec.ConvSpec} registers
 * its narrowing here, keyed by {@link io.github.simdconv.conv.ConvAlgorithm#name()}.
 */
public final class Focus {
    private Focus() {}

    /**
     * @param algorithmName an algorithm's name
     * @return the generator its registry-wide property uses
     */
    public static ConvGen conv(String algorithmName) {
        return switch (algorithmName) {
            // 3x3 stride 1 only; images smaller than a tile, odd sizes, 1..300 channels
            case "winograd2", "winograd4", "winograd6" -> ConvGen.general().kernels(3).strides(1).dilations(1)
                    .maxPad(2).sizes(1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 15, 17)
                    .channels(1, 2, 3, 5, 7, 8, 9, 16, 17, 31, 64, 127, 300);
            // depthwise only: one input channel per group, multipliers 1-3
            case "depthwise" -> ConvGen.general().groups(0);
            default -> ConvGen.general();
        };
    }

    /**
     * Error growth of an algorithm relative to a plain dot product (1 for algorithms that sum
     * the same products in another order; Winograd's transforms amplify rounding).
     *
     * @param algorithmName an algorithm's name
     * @param c the case
     * @return the factor applied to the dot-product bound
     */
    public static double errorScale(String algorithmName, ConvCase c) {
        return errorScale(algorithmName, c.spec());
    }

    /**
     * {@link #errorScale(String, ConvCase)} for a spec alone (benchmarks use it too). For Winograd
     * it turns the dot-product factor into {@link WinogradBound#factor}, which applies to
     * {@link #magnitude} rather than to {@code sum|x||w|}.
     *
     * @param algorithmName an algorithm's name
     * @param s the geometry
     * @return the factor applied to {@code Tolerance.dotFactor(accumulationLength + 1)}
     */
    public static double errorScale(String algorithmName, ConvSpec s) {
        WinogradTransform t = winograd(algorithmName);
        if (t != null) {
            return WinogradBound.factor(t, s.inChannelsPerGroup()) / Tolerance.dotFactor(s.accumulationLength() + 1);
        }
        return 1.0;
    }

    /**
     * The per-output magnitude the error bound scales: {@code conv(|x|,|w|) + |b|} for algorithms
     * computing dot products, Winograd's tile-wide {@link WinogradBound#magnitude} for Winograd.
     *
     * @param algorithmName an algorithm's name
     * @param s geometry
     * @param in input
     * @param w weights
     * @param b bias or null
     * @return one magnitude per output
     */
    public static float[] magnitude(String algorithmName, ConvSpec s, float[] in, float[] w, float[] b) {
        WinogradTransform t = winograd(algorithmName);
        return t != null ? WinogradBound.magnitude(t, s, in, w, b) : ConvCheck.absSum(s, in, w, b);
    }

    private static WinogradTransform winograd(String algorithmName) {
        return switch (algorithmName) {
            case "winograd2" -> Winograd.F2.transform();
            case "winograd4" -> Winograd.F4.transform();
            case "winograd6" -> Winograd.F6.transform();
            default -> null;
        };
    }

    /**
     * @param algorithmName an algorithm's name
     * @return whether small-integer data must match the reference bitwise
     */
    public static boolean exactOnIntegers(String algorithmName) {
        return switch (algorithmName) {
            // G has entries like 1/6: integer data is not transformed exactly
            case "winograd2", "winograd4", "winograd6" -> false;
            default -> true;
        };
    }

    /**
     * @param algorithmName a pooling algorithm's name
     * @return the generator its registry-wide property uses
     */
    public static PoolGen pool(String algorithmName) {
        return switch (algorithmName) {
            // rows must be wider than a vector (16 lanes at stride 2 read 32+ floats) to reach the
            // vector loops; the small tail sizes still cover the all-scalar rows
            case "vector" -> PoolGen.general().sizes(1, 3, 8, 16, 17, 31, 33, 34, 35, 37, 40, 47, 49, 64, 67);
            default -> PoolGen.general();
        };
    }
}
