package io.github.simdconv;

import io.github.simdconv.conv.ConvAlgorithm;
import io.github.simdconv.conv.ConvAlgorithms;
import io.github.simdconv.harness.ConvCheck;
import io.github.simdconv.harness.ConvGen;
import io.github.simdconv.harness.Props;
import io.github.simdconv.harness.ThreadCheck;
import org.junit.jupiter.api.Test;

/**
 * The depthwise kernel's own edge cases: channel multipliers 1-3, strides 1-4 (contiguous loads
 * and gathers), dilation 1-3, padding larger than the kernel, and output widths around the vector
 * length (full vectors, the 4-vector loop and its tail, masked last vectors).
 */
class DepthwiseProperties {
    private static final ConvAlgorithm DW = ConvAlgorithms.byName("depthwise");
    /** Widths around 8 and 16 lanes and four vectors of them. */
    private static final int[] WIDTHS = {1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 67};

    private static ConvGen gen() {
        return ConvGen.general().groups(0).maxMultiplier(3).strides(1, 1, 2, 3, 4).dilations(1, 2, 3)
                .kernels(1, 2, 3, 5).maxPad(6).sizes(WIDTHS).channels(1, 2, 3, 5, 8, 17);
    }

    @Test
    void matchesTheReferenceOnEveryStrideDilationAndPadding() {
        Props.check("depthwise == reference", 3.0, gen().cases(), c -> ConvCheck.check(DW, c, 1.0, true));
    }

    @Test
    void wideRowsWithStrideOne() {
        ConvGen g = gen().strides(1).sizes(3, 17, 33, 64, 65, 97, 130).maxBatch(1);
        Props.check("depthwise stride 1 == reference", 1.0, g.cases(), c -> ConvCheck.check(DW, c, 1.0, true));
    }

    @Test
    void bitwiseIdenticalForAnyThreadCount() {
        Props.check("depthwise thread determinism", 0.5, gen().specs(), s -> ThreadCheck.sameForThreads(DW, s, 1, 2, 3));
    }
}
