package io.github.simdconv;

import io.github.simdconv.conv.ConvPlan;
import io.github.simdconv.conv.Im2colGemm;
import io.github.simdconv.harness.ConvCase;
import io.github.simdconv.harness.ConvCheck;
import io.github.simdconv.harness.ConvGen;
import io.github.simdconv.harness.DataKind;
import io.github.simdconv.harness.Props;
import io.github.simdconv.harness.Tolerance;
import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.ConvSpec;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Cases the registry-wide property reaches rarely but im2col has special code for: the 1x1
 * stride-1 unpadded path that skips im2col, grouped convolutions (one packed weight matrix per
 * group), images large enough to be split into several pixel tiles (the column buffer budget),
 * and bitwise-identical output for 1, 2 and 3 threads on real data.
 */
class Im2colProperties {

    @Test
    void pointwiseSkipsIm2colAndMatchesTheReference() {
        ConvGen g = ConvGen.general().kernels(1).strides(1).maxPad(0).dilations(1);
        Props.check("im2col 1x1 == reference", 1.0, g.cases(), c -> {
            ConvCase p = new ConvCase(c.spec().toBuilder().padding(0).build(), c.data(), c.dataSeed(), c.threads());
            ConvCheck.check(Im2colGemm.INSTANCE, p, 1.0, true);
        });
    }

    @Test
    void groupedConvolutionsMatchTheReference() {
        ConvGen g = ConvGen.general().groups(2, 3, 4, 0).maxMultiplier(3);
        Props.check("im2col groups == reference", 1.0, g.cases(),
                c -> ConvCheck.check(Im2colGemm.INSTANCE, c, 1.0, true));
    }

    /** Specs whose pixel count exceeds one column tile, so the tiling (and its tails) is exercised. */
    private static Gen<ConvCase> tiled() {
        Gen<ConvCase> g = in -> {
            int ch = (int) in.next(Constraint.between(40, 80));
            int h = (int) in.next(Constraint.between(17, 30));
            int w = (int) in.next(Constraint.between(17, 30));
            int k = (int) in.next(Constraint.between(1, 13));
            int ker = in.next(Constraint.between(0, 2)) == 0 ? 1 : 3;
            int pad = (int) in.next(Constraint.between(0, 1)) * (ker / 2);
            int stride = (int) in.next(Constraint.between(1, 2));
            ConvSpec s = ConvSpec.builder().inChannels(ch).outChannels(k).input(h, w).kernel(ker).padding(pad)
                    .stride(stride).bias(true).activation(in.next(Constraint.between(0, 1)) == 0 ? Activation.NONE
                            : Activation.RELU).build();
            return new ConvCase(s, in.next(Constraint.between(0, 1)) == 0 ? DataKind.SMALL_INT : DataKind.REAL,
                    in.next(Constraint.between(0, Integer.MAX_VALUE)), (int) in.next(Constraint.between(1, 3)));
        };
        return g.describedAs(ConvCase::toString);
    }

    @Test
    void largeImagesSplitIntoPixelTilesMatchTheReference() {
        Props.check("im2col tiled == reference", 0.3, tiled(),
                c -> ConvCheck.check(Im2colGemm.INSTANCE, c, 1.0, true));
    }

    @Test
    void outputIsBitwiseIdenticalForAnyThreadCount() {
        ConvGen g = ConvGen.general();
        Props.check("im2col 1 vs 2 vs 3 threads", 1.0, g.cases(), c -> run(c.spec(), c.dataSeed()));
        Props.check("im2col tiled 1 vs 2 vs 3 threads", 0.3, tiled(), c -> run(c.spec(), c.dataSeed()));
    }

    private static void run(ConvSpec s, long seed) {
        float[] in = DataKind.REAL.fill(s.inputSize(), seed);
        float[] w = DataKind.REAL.fill(s.weightSize(), seed + 1);
        float[] b = s.hasBias() ? DataKind.REAL.fill(s.outChannels(), seed + 2) : null;
        float[] one = new float[s.outputSize()];
        Im2colGemm.INSTANCE.plan(s, w, b, 1).execute(in, one);
        for (int t = 2; t <= 3; t++) {
            ConvPlan p = Im2colGemm.INSTANCE.plan(s, w, b, t);
            float[] many = new float[s.outputSize()];
            p.execute(in, many);
            Tolerance.assertExact("im2col " + t + " threads vs 1 on " + s, one, many);
        }
    }
}
