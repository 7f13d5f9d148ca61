package io.github.simdconv;

import io.github.simdconv.conv.ConvAlgorithm;
import io.github.simdconv.conv.ConvAlgorithms;
import io.github.simdconv.harness.ConvCheck;
import io.github.simdconv.harness.ConvGen;
import io.github.simdconv.harness.Props;
import io.github.simdconv.harness.ThreadCheck;
import org.junit.jupiter.api.Test;

/**
 * The direct kernel's own edge cases: the pointwise path (image read in place as chunked rows,
 * images larger than one chunk), groups with few output channels per group (zero-padded channel
 * blocks), output widths that exercise every register tile and tail, and thread determinism.
 */
class DirectProperties {
    private static final ConvAlgorithm DIRECT = ConvAlgorithms.byName("direct");

    @Test
    void pointwiseMatchesTheReference() {
        ConvGen g = ConvGen.general().kernels(1).strides(1).maxPad(0).groups(1, 1, 2)
                .sizes(1, 3, 7, 13, 15, 16, 17, 29).channels(1, 3, 8, 16, 17, 33, 40).maxBatch(2);
        Props.check("direct pointwise == reference", 2.0, g.cases(), c -> ConvCheck.check(DIRECT, c, 1.0, true));
    }

    @Test
    void groupsMatchTheReference() {
        ConvGen g = ConvGen.general().groups(2, 3, 4, 0).channels(1, 2, 5, 8, 16, 17, 33);
        Props.check("direct groups == reference", 2.0, g.cases(), c -> ConvCheck.check(DIRECT, c, 1.0, true));
    }

    @Test
    void everyTileWidthMatchesTheReference() {
        // output widths 1..40 with stride 1 and 2 (the constant-offset tiles) cover every 12/8/6/4-pixel decomposition and tail
        int[] widths = new int[40];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = i + 1;
        }
        ConvGen g = ConvGen.general().sizes(widths).kernels(1, 3).strides(1, 2).groups(1).channels(3, 16, 33);
        Props.check("direct tiles == reference", 2.0, g.cases(), c -> ConvCheck.check(DIRECT, c, 1.0, true));
    }

    @Test
    void bitwiseIdenticalForAnyThreadCount() {
        Props.check("direct thread determinism", 0.5, ConvGen.general().specs(),
                s -> ThreadCheck.sameForThreads(DIRECT, s, 1, 2, 3));
    }
}
