package io.github.simdconv.harness;

import io.github.simdconv.conv.ConvAlgorithm;
import io.github.simdconv.conv.ConvPlan;
import io.github.simdconv.reference.ReferenceConv;
import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.ConvSpec;

/**
 * Holds one algorithm against the reference on one case: plans, runs into a guarded output
 * pre-filled with NaN (so an output that is never written shows up), checks the guards, and
 * compares exactly (small integers) or within a derived bound: {@code errorScale} times the
 * dot-product factor, applied to the per-output magnitude of {@link Focus#magnitude}
 * ({@code sum|x||w| + |b|} for algorithms that compute plain dot products; Winograd's tile-wide
 * magnitude of {@link WinogradBound}, whose factor {@code errorScale} supplies).
 */
public final class ConvCheck {
    private ConvCheck() {}

    /** Bits of the NaN the output is pre-filled with. */
    public static final int UNWRITTEN_BITS = 0x7fc0beef;

    /**
     * @param algorithm the algorithm under test
     * @param c the case
     * @param errorScale multiplier of the dot-product bound for REAL data ({@code >= 1})
     * @param exactOnIntegers whether SMALL_INT data must match bitwise
     */
    public static void check(ConvAlgorithm algorithm, ConvCase c, double errorScale, boolean exactOnIntegers) {
        ConvSpec s = c.spec();
        float[] in = c.data().fill(s.inputSize(), c.dataSeed());
        float[] w = c.data().fill(s.weightSize(), c.dataSeed() * 31 + 1);
        float[] b = s.hasBias() ? c.data().fill(s.outChannels(), c.dataSeed() * 31 + 2) : null;
        float[] expected = ReferenceConv.conv2d(s, in, w, b);

        ConvPlan plan = algorithm.plan(s, w, b, c.threads());
        Guarded out = new Guarded(s.outputSize(), UNWRITTEN_BITS);
        // the input sits at an offset too, so index arithmetic that forgets inOff is caught
        float[] inPadded = new float[in.length + 5];
        System.arraycopy(in, 0, inPadded, 5, in.length);
        plan.execute(inPadded, 5, out.array(), out.offset());
        String what = algorithm.name() + " on " + c;
        out.assertGuardsIntact(what);
        float[] actual = out.region();
        // run twice: a plan is reusable and must not keep state between calls
        Guarded again = new Guarded(s.outputSize(), UNWRITTEN_BITS);
        plan.execute(inPadded, 5, again.array(), again.offset());
        Tolerance.assertExact(what + " (second execute)", actual, again.region());

        if (c.data() == DataKind.SMALL_INT && exactOnIntegers) {
            Tolerance.assertExact(what, expected, actual);
        } else {
            float[] absSum = Focus.magnitude(algorithm.name(), s, in, w, b);
            double factor = Tolerance.dotFactor(s.accumulationLength() + 1) * errorScale;
            Tolerance.assertWithin(what, expected, actual, absSum, factor);
        }
    }

    /**
     * @param s geometry
     * @param in input
     * @param w weights
     * @param b bias or null
     * @return {@code conv(|in|, |w|) + |b|} without activation: the scale of each output's rounding error
     */
    public static float[] absSum(ConvSpec s, float[] in, float[] w, float[] b) {
        ConvSpec plain = s.toBuilder().activation(Activation.NONE).build();
        return ReferenceConv.conv2d(plain, abs(in), abs(w), b == null ? null : abs(b));
    }

    private static float[] abs(float[] a) {
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = Math.abs(a[i]);
        }
        return r;
    }
}
