package io.github.simdconv.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.ConvSpec;
import org.junit.jupiter.api.Test;

/** A hand-computed case, the registry entry and the argument checks of {@link Im2colGemm}. */
class Im2colGemmTest {

    @Test
    void registeredUnderItsName() {
        assertEquals(Im2colGemm.INSTANCE, ConvAlgorithms.byName("im2col"));
        assertTrue(Im2colGemm.INSTANCE.supports(ConvSpec.builder().inChannels(4).outChannels(4).groups(4)
                .input(3, 3).kernel(3).dilation(2).padding(2).build()).supported());
    }

    @Test
    void knownCaseWithPaddingBiasAndRelu() {
        // 1 channel 2x2 input [1 2; 3 4], 2x2 kernel [1 0; 0 -1], pad 1 right/bottom only, bias 1, ReLU
        // out(0,0) = 1*1 - 4 + 1 = -2 -> 0; out(0,1) = 2 - 0 + 1 = 3; out(1,0) = 3 + 1 = 4; out(1,1) = 4 + 1 = 5
        ConvSpec s = ConvSpec.builder().input(2, 2).kernel(2).padding(0, 1, 0, 1).bias(true)
                .activation(Activation.RELU).build();
        float[] out = new float[4];
        Im2colGemm.INSTANCE.plan(s, new float[] {1, 0, 0, -1}, new float[] {1}, 1)
                .execute(new float[] {1, 2, 3, 4}, out);
        assertArrayEquals(new float[] {0, 3, 4, 5}, out);
    }

    /**
     * Stride-1 "same" rows take the vector im2col, whose first and last panels read vectors that
     * start before the input or run past its end when the input array is exactly sized (offset
     * 0, no slack): those go lane by lane. Small integers, so the sums are exact.
     */
    @Test
    void exactlySizedInputThroughTheEdgePanels() {
        for (int side : new int[] {5, 13, 17, 31}) {
            ConvSpec s = ConvSpec.builder().inChannels(3).outChannels(5).input(side, side).kernel(3).padding(1)
                    .bias(true).build();
            float[] in = new float[s.inputSize()];
            float[] w = new float[s.weightSize()];
            for (int i = 0; i < in.length; i++) {
                in[i] = (i * 7 % 11) - 5;
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = (i * 5 % 7) - 3;
            }
            float[] bias = {1, -2, 3, 0, 5};
            float[] out = new float[s.outputSize()];
            Im2colGemm.INSTANCE.plan(s, w, bias, 1).execute(in, out);
            assertArrayEquals(io.github.simdconv.reference.ReferenceConv.conv2d(s, in, w, bias), out, "side " + side);
        }
    }

    @Test
    void tooSmallOutputIsRejectedBeforeAnyWrite() {
        ConvSpec s = ConvSpec.builder().input(2, 2).kernel(1).build();
        ConvPlan p = Im2colGemm.INSTANCE.plan(s, new float[] {2}, null, 2);
        float[] out = {7, 7, 7};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.execute(new float[4], 0, out, 0));
        assertEquals("output.length = 3: must be >= offset + 4 = 4", e.getMessage());
        assertArrayEquals(new float[] {7, 7, 7}, out);
    }
}
