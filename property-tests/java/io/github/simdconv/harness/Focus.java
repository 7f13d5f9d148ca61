package io.github.simdconv.harness;

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
        return switch (algorithmName) {
            default -> 1.0;
        };
    }

    /**
     * @param algorithmName an algorithm's name
     * @return whether small-integer data must match the reference bitwise
     */
    public static boolean exactOnIntegers(String algorithmName) {
        return switch (algorithmName) {
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
