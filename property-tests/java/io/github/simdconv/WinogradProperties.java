package io.github.simdconv;

import io.github.simdconv.conv.ConvPlan;
import io.github.simdconv.conv.Winograd;
import io.github.simdconv.harness.ConvCase;
import io.github.simdconv.harness.ConvCheck;
import io.github.simdconv.harness.ConvGen;
import io.github.simdconv.harness.Focus;
import io.github.simdconv.harness.Props;
import io.github.simdconv.harness.ThreadCheck;
import io.github.simdconv.harness.Tolerance;
import io.github.simdconv.spec.ConvSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Edge cases that matter to Winograd's tiling, beyond the registry-wide property: images smaller
 * than one tile and sizes that leave partial tiles, asymmetric padding, depthwise and grouped
 * layers, several images per batch (tiles of different images share a block), and results that
 * are bitwise the same for 1, 2 and 3 threads (output channels are split between threads when
 * there are few tile blocks).
 */
class WinogradProperties {
    private static final List<Winograd> ALL = List.of(Winograd.F2, Winograd.F4, Winograd.F6);

    /** Tiny and tile-straddling images, batch up to 3, all groupings. */
    private static ConvGen edges(String name) {
        return Focus.conv(name).sizes(1, 2, 3, 5, 6, 7, 9, 10, 13).channels(1, 2, 3, 7, 8, 13).maxBatch(3);
    }

    @Test
    void partialTilesTinyImagesAndBatchesMatchTheReference() {
        for (Winograd a : ALL) {
            Props.check(a.name() + " edges == reference", 0.5, edges(a.name()).cases(),
                    c -> ConvCheck.check(a, c, Focus.errorScale(a.name(), c), false));
        }
    }

    @Test
    void resultsAreBitwiseTheSameForAnyThreadCount() {
        for (Winograd a : ALL) {
            // many output channels and few tiles, so the work is split by output-channel chunks
            ConvGen g = edges(a.name()).channels(1, 5, 16, 40, 67).sizes(3, 6, 8, 12, 17).maxBatch(2);
            Props.check(a.name() + " threads 1 == 2 == 3", 0.5, g.cases(), c -> {
                ConvSpec s = c.spec();
                float[] in = c.data().fill(s.inputSize(), c.dataSeed());
                float[] w = c.data().fill(s.weightSize(), c.dataSeed() * 31 + 1);
                float[] b = s.hasBias() ? c.data().fill(s.outChannels(), c.dataSeed() * 31 + 2) : null;
                float[] one = run(a.plan(s, w, b, 1), s, in);
                Tolerance.assertExact(a.name() + " 2 threads on " + c, one, run(a.plan(s, w, b, 2), s, in));
                Tolerance.assertExact(a.name() + " 3 threads on " + c, one, run(a.plan(s, w, b, 3), s, in));
            });
        }
    }

    /**
     * Several tile blocks of near-equal size split over 2 and 3 threads, with a block shared by
     * two workers (output channels split) when the block count does not divide evenly: the
     * split must not change a bit.
     */
    @Test
    void manyBlocksSplitOverThreadsGiveTheSameBits() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(20261126L);
        for (Winograd a : ALL) {
            for (int[] sh : new int[][] {{4, 64, 30}, {5, 160, 17}, {2, 24, 41}}) {
                ConvSpec s = ConvSpec.builder().batch(sh[0]).inChannels(sh[1]).outChannels(sh[1] - 3)
                        .input(sh[2], sh[2] + 2).kernel(3).padding(1, 0, 2, 1).bias(true).build();
                float[] in = new float[s.inputSize()];
                float[] w = new float[s.weightSize()];
                float[] b = new float[s.outChannels()];
                for (float[] x : new float[][] {in, w, b}) {
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (float) (r.nextDouble() * 2 - 1);
                    }
                }
                float[] one = run(a.plan(s, w, b, 1), s, in);
                Tolerance.assertExact(a.name() + " 2 threads on " + s, one, run(a.plan(s, w, b, 2), s, in));
                Tolerance.assertExact(a.name() + " 3 threads on " + s, one, run(a.plan(s, w, b, 3), s, in));
            }
        }
    }

    /**
     * Images with hundreds of tiles on 5 and 8 threads (more workers than cores): the tiles are
     * cut into one contiguous part per worker, each part into blocks starting on whole vectors of
     * tiles, and preempted workers' blocks are taken from the back of their part by the others.
     * Whoever computes a block, and wherever the block boundaries fall, the bits must not change;
     * and the split plan must still match the reference.
     */
    @Test
    void tilePartsAndWorkTakingGiveTheSameBits() {
        for (Winograd a : ALL) {
            ConvGen g = Focus.conv(a.name()).sizes(17, 24, 31, 40).channels(1, 3, 8, 17).groups(1, 1, 2)
                    .maxBatch(4).maxMacs(3_000_000);
            Props.check(a.name() + " tile parts, threads 1 == 5 == 8", 0.5, g.specs(),
                    s -> ThreadCheck.sameForThreads(a, s, 1, 5, 8));
            Props.check(a.name() + " tile parts on 5 threads == reference", 0.3, g.threads(5).cases(),
                    c -> ConvCheck.check(a, c, Focus.errorScale(a.name(), c), false));
        }
    }

    private static float[] run(ConvPlan p, ConvSpec s, float[] in) {
        float[] out = new float[s.outputSize()];
        p.execute(in, out);
        return out;
    }

    @Test
    void manyChannelsOnSmallImages() {
        for (Winograd a : ALL) {
            ConvGen g = Focus.conv(a.name()).channels(127, 200, 300).sizes(2, 4, 7, 8).groups(1).maxBatch(1)
                    .maxMacs(2_000_000);
            Props.check(a.name() + " many channels == reference", 0.2, g.cases(),
                    (ConvCase c) -> ConvCheck.check(a, c, Focus.errorScale(a.name(), c), false));
        }
    }
}
