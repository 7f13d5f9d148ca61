package io.github.simdconv.harness;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Comparisons with tolerances derived from the arithmetic, not tuned.
 *
 * <p>A float dot product of length {@code n}, summed in any order, satisfies
 * {@code |fl(sum) - sum| <= gamma(n) * sum|x_i w_i|} with {@code gamma(n) = n u / (1 - n u)},
 * {@code u = 2^-24} (Higham, Accuracy and Stability of Numerical Algorithms, 3.1). The reference
 * is exact up to one final rounding ({@code u |sum|}), so a fast result may differ from it by at
 * most {@code (gamma(n) + u) * sum|x_i w_i|}; a fused activation (ReLU) is 1-Lipschitz and keeps
 * the bound. {@code absSum} is the convolution of |x| with |w| plus |bias|.
 */
public final class Tolerance {
    private Tolerance() {}

    /** Unit roundoff of float32. */
    public static final double U = 0x1p-24;

    /**
     * @param n summands (accumulation length; +1 for the bias)
     * @return {@code gamma(n) + u}
     */
    public static double dotFactor(int n) {
        double nu = n * U;
        return nu / (1 - nu) + U;
    }

    /**
     * Bitwise equality (NaN equal to NaN; +0 and -0 treated as equal, since summation order can
     * flip the sign of a zero).
     *
     * @param what description
     * @param expected reference
     * @param actual fast result
     */
    public static void assertExact(String what, float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            fail(what + ": length " + actual.length + " != " + expected.length);
        }
        int bad = 0;
        int first = -1;
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            boolean same = Float.floatToIntBits(e) == Float.floatToIntBits(a) || (e == 0f && a == 0f);
            if (!same) {
                if (first < 0) {
                    first = i;
                }
                bad++;
            }
        }
        if (bad > 0) {
            fail(what + ": " + bad + " of " + expected.length + " outputs differ; first at " + first
                    + ": expected " + expected[first] + ", got " + actual[first]);
        }
    }

    /**
     * {@code |actual - expected| <= factor * absSum + absFloor} elementwise; NaN must match NaN.
     *
     * @param what description
     * @param expected reference
     * @param actual fast result
     * @param absSum per-output magnitude bound ({@code conv(|x|,|w|) + |b|})
     * @param factor error factor, e.g. {@link #dotFactor(int)}
     */
    public static void assertWithin(String what, float[] expected, float[] actual, float[] absSum, double factor) {
        if (expected.length != actual.length) {
            fail(what + ": length " + actual.length + " != " + expected.length);
        }
        int bad = 0;
        int first = -1;
        double firstErr = 0;
        double firstTol = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Double.isNaN(e) || Double.isNaN(a)) {
                if (Double.isNaN(e) != Double.isNaN(a)) {
                    bad++;
                    if (first < 0) {
                        first = i;
                        firstErr = Double.NaN;
                    }
                }
                continue;
            }
            if (Double.isInfinite(e) || Double.isInfinite(a)) {
                if (e != a) {
                    bad++;
                    if (first < 0) {
                        first = i;
                        firstErr = Double.POSITIVE_INFINITY;
                    }
                }
                continue;
            }
            // absSum was itself rounded to float once: widen by (1 + u)^2 to stay a true bound
            double tol = factor * absSum[i] * (1 + 2 * U) + Float.MIN_VALUE;
            double err = Math.abs(a - e);
            if (!(err <= tol)) {
                bad++;
                if (first < 0) {
                    first = i;
                    firstErr = err;
                    firstTol = tol;
                }
            }
        }
        if (bad > 0) {
            fail(what + ": " + bad + " of " + expected.length + " outputs outside the bound; first at "
                    + first + ": expected " + expected[first] + ", got " + actual[first] + ", error "
                    + firstErr + " > bound " + firstTol);
        }
    }

    /**
     * Fails if the output is "mistrusted" (benchdnn): too many zeros means the data or the
     * shape exercised nothing.
     *
     * @param what description
     * @param out the reference output
     */
    public static void assertNotMostlyZero(String what, float[] out) {
        int zeros = 0;
        for (float v : out) {
            if (v == 0f) {
                zeros++;
            }
        }
        if (out.length >= 16 && zeros > 0.9 * out.length) {
            fail(what + ": " + zeros + " of " + out.length + " reference outputs are zero: test data is mistrusted");
        }
    }
}
