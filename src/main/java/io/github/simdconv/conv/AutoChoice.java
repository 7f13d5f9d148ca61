package io.github.simdconv.conv;

import io.github.simdconv.spec.ConvSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rule {@code AUTO} uses to pick a convolution algorithm for a geometry, kept small so it
 * can be read and tuned from this project's benchmark numbers (docs/algorithm-choice.md holds
 * the table behind each threshold).
 *
 * <p>Inputs: kernel size, stride, dilation, groups, channels per group, output size (Winograd's
 * tile choice). Not an input: the thread
 * count (so the same input gives the same bits for any thread count) and the batch (a batch of
 * N is N images of the same layer; every algorithm scales alike). Each geometry class has a
 * preference list; the first registered algorithm on it that {@code supports()} the spec wins.
 * If none does, any other registered fast algorithm that supports it is taken (so algorithms
 * registered later are picked up without touching this rule), the reference last. Algorithms in
 * {@link #LOW_ACCURACY} are never chosen automatically: they are used only when named.
 */
public final class AutoChoice {
    private AutoChoice() {}

    /**
     * Winograd F(6x6, 3x3)'s transforms amplify rounding by about two orders of magnitude more
     * than F(4x4, 3x3) (docs/winograd.md): only explicitly.
     */
    public static final Set<String> LOW_ACCURACY = Set.of("winograd6");

    /** Winograd pays only when the transformed-domain GEMMs are big enough. */
    static final int WINOGRAD_MIN_CHANNELS = 16;
    /**
     * Output channels per group from which direct beats im2col outside the Winograd and 1x1
     * classes. Direct's register tile is pixels x two vectors of output channels (32 channels
     * with 16-lane vectors): with fewer channels most lanes are padding. Measured, 1 thread,
     * ms (suite run, docs/algorithm-choice.md): ResNet stem 7x7/s2 K=64 direct 1.70 vs im2col
     * 3.02; dilated 3x3 K=64 1.85 vs 2.07; LeNet 5x5 C=20 K=50 0.027 vs 0.046; but LeNet 5x5 C=1 K=20
     * 0.013 vs 0.010.
     */
    static final int DIRECT_MIN_OUT_CHANNELS = 32;

    private static final List<String> DEPTHWISE = List.of("depthwise", "direct", "im2col");
    private static final List<String> POINTWISE = List.of("im2col", "direct");
    /**
     * F(4x4,3x3) first from 10x10 outputs up. Suite run of the third session, 1 thread, ms:
     * 14x14 (256 channels) winograd4 0.830, winograd2 0.905, direct 1.19; 28x28 0.747, 0.969,
     * 1.20; 56x56 0.900, 1.27, 1.44. (Before Winograd got its own GEMM kernels, F(2x2) won at
     * 14x14: 1.18 vs 1.46 ms.)
     */
    private static final List<String> WINOGRAD = List.of("winograd4", "winograd2", "direct", "im2col");
    /**
     * Output side below which no Winograd variant pays: at 7x7 (512 channels) direct takes 1.46 ms,
     * winograd2 1.67, winograd4 5.25 (a 6x6 tile over a 7x7 image is mostly padding); the rule
     * then falls through to direct/im2col.
     */
    static final int WINOGRAD_MIN_OUTPUT_SIDE = 10;
    private static final List<String> DIRECT_FIRST = List.of("direct", "im2col");
    private static final List<String> IM2COL_FIRST = List.of("im2col", "direct");

    /**
     * The preference list for a geometry (names; some may not be registered).
     *
     * @param s the geometry
     * @return algorithm names, most preferred first
     */
    public static List<String> preference(ConvSpec s) {
        boolean depthwise = s.groups() > 1 && s.inChannelsPerGroup() == 1;
        boolean winogradShape = s.kernelH() == 3 && s.kernelW() == 3 && s.strideH() == 1 && s.strideW() == 1
                && s.dilationH() == 1 && s.dilationW() == 1 && s.groups() == 1;
        if (depthwise) {
            return DEPTHWISE;
        }
        if (s.isPointwise()) {
            return POINTWISE;
        }
        int side = Math.min(s.outHeight(), s.outWidth());
        if (winogradShape && s.inChannels() >= WINOGRAD_MIN_CHANNELS && s.outChannels() >= WINOGRAD_MIN_CHANNELS
                && side >= WINOGRAD_MIN_OUTPUT_SIDE) {
            return WINOGRAD;
        }
        return s.outChannelsPerGroup() >= DIRECT_MIN_OUT_CHANNELS ? DIRECT_FIRST : IM2COL_FIRST;
    }

    /**
     * @param spec the geometry
     * @return the algorithm {@code AUTO} runs it with
     */
    public static ConvAlgorithm choose(ConvSpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("spec is null");
        }
        for (String name : preference(spec)) {
            for (ConvAlgorithm a : ConvAlgorithms.all()) {
                if (a.name().equals(name) && a.supports(spec).supported()) {
                    return a;
                }
            }
        }
        for (ConvAlgorithm a : ConvAlgorithms.all()) {
            if (a != ReferenceAlgorithm.INSTANCE && !LOW_ACCURACY.contains(a.name()) && a.supports(spec).supported()) {
                return a;
            }
        }
        return ReferenceAlgorithm.INSTANCE;
    }

    /**
     * The candidates a measured choice times: every registered algorithm that supports the spec,
     * except the reference (unless nothing else does) and {@link #LOW_ACCURACY}.
     *
     * @param spec the geometry
     * @return the candidates, registry order
     */
    public static List<ConvAlgorithm> candidates(ConvSpec spec) {
        List<ConvAlgorithm> c = new ArrayList<>();
        for (ConvAlgorithm a : ConvAlgorithms.all()) {
            if (a != ReferenceAlgorithm.INSTANCE && !LOW_ACCURACY.contains(a.name()) && a.supports(spec).supported()) {
                c.add(a);
            }
        }
        if (c.isEmpty()) {
            c.add(ReferenceAlgorithm.INSTANCE);
        }
        return c;
    }
}
