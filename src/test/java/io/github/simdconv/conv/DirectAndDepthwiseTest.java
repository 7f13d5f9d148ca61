package io.github.simdconv.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.ConvSpec;
import org.junit.jupiter.api.Test;

/** Hand-computed cases, supports() answers and argument errors of {@link Direct} and {@link Depthwise}. */
class DirectAndDepthwiseTest {

    @Test
    void registered() {
        assertSame(Direct.INSTANCE, ConvAlgorithms.byName("direct"));
        assertSame(Depthwise.INSTANCE, ConvAlgorithms.byName("depthwise"));
    }

    @Test
    void depthwiseSaysWhyNot() {
        ConvSpec s = ConvSpec.builder().inChannels(4).outChannels(8).groups(2).input(5, 5).kernel(3).build();
        Support no = Depthwise.INSTANCE.supports(s);
        assertFalse(no.supported());
        assertEquals("groups = 2: depthwise needs groups == inChannels = 4 (one input channel per group)", no.reason());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Depthwise.INSTANCE.plan(s, new float[s.weightSize()], null, 1));
        assertTrue(e.getMessage().contains("does not support") && e.getMessage().contains(no.reason()), e.getMessage());
        assertTrue(Depthwise.INSTANCE.supports(s.toBuilder().groups(4).build()).supported());
        assertTrue(Direct.INSTANCE.supports(s).supported());
    }

    @Test
    void rejectsBadArgumentsBeforeWork() {
        ConvSpec s = ConvSpec.builder().inChannels(2).outChannels(3).input(4, 4).kernel(3).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Direct.INSTANCE.plan(s, new float[5], null, 1));
        assertEquals("weights.length = 5: must be outChannels*inChannels/groups*kernelH*kernelW = 3*2*3*3 = 54",
                e.getMessage());
        ConvPlan p = Direct.INSTANCE.plan(s, new float[54], null, 1);
        float[] out = new float[s.outputSize() - 1];
        assertThrows(IllegalArgumentException.class, () -> p.execute(new float[s.inputSize()], out));
        assertThrows(IllegalArgumentException.class, () -> Direct.INSTANCE.plan(s, new float[54], null, 0));
    }

    /** 1 channel 3x3 input, 2x2 kernel of ones, padding 1 on the left only, bias 1, ReLU after. */
    @Test
    void smallKnownCase() {
        ConvSpec s = ConvSpec.builder().inChannels(1).outChannels(1).input(3, 3).kernel(2).padding(0, 0, 1, 0)
                .bias(true).activation(Activation.RELU).build();
        float[] in = {1, 2, 3, 4, 5, 6, 7, 8, -90};
        float[] w = {1, 1, 1, 1};
        float[] b = {1};
        // windows (rows 0-1, 1-2) x (cols -1..0, 0..1, 1..2), padding reads 0
        float[] expected = {1 + 1 + 4, 1 + 1 + 2 + 4 + 5, 1 + 2 + 3 + 5 + 6,
            1 + 4 + 7, 1 + 4 + 5 + 7 + 8, 0 /* 1 + 5 + 6 + 8 - 90 < 0 */};
        for (ConvAlgorithm a : new ConvAlgorithm[] {Direct.INSTANCE, Depthwise.INSTANCE}) {
            for (int t = 1; t <= 2; t++) {
                float[] out = new float[6];
                a.plan(s, w, b, t).execute(in, out);
                assertArrayEquals(expected, out, a.name() + " threads " + t);
            }
        }
    }

    /** Depthwise with multiplier 2: channel c feeds outputs 2c and 2c+1. */
    @Test
    void depthwiseMultiplier() {
        ConvSpec s = ConvSpec.builder().inChannels(2).outChannels(4).groups(2).input(1, 3).kernel(1, 2).build();
        float[] in = {1, 2, 3, 10, 20, 30};
        float[] w = {1, 0, 0, 1, 1, 1, 2, -1};
        float[] expected = {1, 2, 2, 3, 30, 50, 0, 10};
        for (ConvAlgorithm a : new ConvAlgorithm[] {Direct.INSTANCE, Depthwise.INSTANCE}) {
            float[] out = new float[s.outputSize()];
            a.plan(s, w, null, 1).execute(in, out);
            assertArrayEquals(expected, out, a.name());
        }
    }

    @Test
    void tapOffsetsFollowThePackedWeightOrder() {
        // 2 channels, 2 x 3 kernel, plane 100, rows 10 apart (dilation 2 -> 20), columns 3 apart
        int[] off = DirectKernel.tapOffsets(2, 2, 3, 100, 20, 3);
        assertArrayEquals(new int[] {0, 3, 6, 20, 23, 26, 100, 103, 106, 120, 123, 126}, off);
    }

    @Test
    void rowsAreCutIntoWideTiles() {
        int[] widths = {12, 8, 6, 4, 1};
        // the ResNet widths: 28 and 14 exactly, no over-read needed
        assertArrayEquals(new int[] {12, 12, 4}, DirectKernel.planTiles(28, true, widths));
        assertArrayEquals(new int[] {8, 6}, DirectKernel.planTiles(14, true, widths));
        // without over-read every tile lies inside the row
        assertArrayEquals(new int[] {6, 1}, DirectKernel.planTiles(7, false, widths));
        assertArrayEquals(new int[] {8}, DirectKernel.planTiles(7, true, widths));
    }

    @Test
    void depthwiseStridedCopyMatchesScalarUpToTheArrayEnd() {
        DepthwiseKernel k = DepthwiseKernel.create();
        float[] in = new float[101];
        for (int i = 0; i < in.length; i++) {
            in[i] = i;
        }
        for (int sW = 1; sW <= 4; sW++) {
            for (int from = 0; from < 12; from++) {
                int n = (in.length - 1 - from) / sW + 1; // the last value read is inside the array
                float[] dst = new float[n + 2];
                k.strided(in, from, sW, n, dst, 1);
                for (int q = 0; q < n; q++) {
                    assertEquals(from + q * sW, dst[1 + q], "sW " + sW + " from " + from + " q " + q);
                }
                assertEquals(0f, dst[0]);
                assertEquals(0f, dst[n + 1]);
            }
        }
    }
}
