package io.github.simdconv.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every invalid value is rejected with a message naming the field, the value and the rule. */
class SpecValidationTest {

    private static void rejects(String message, Executable e) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
    }

    private static ConvSpec.Builder conv() {
        return ConvSpec.builder().inChannels(4).outChannels(8).input(10, 10).kernel(3);
    }

    @Test
    void convRejectsNonPositiveSizes() {
        rejects("batch = 0: must be >= 1", () -> conv().batch(0).build());
        rejects("inChannels = -1: must be >= 1", () -> conv().inChannels(-1).build());
        rejects("inHeight = 0: must be >= 1", () -> conv().input(0, 3).build());
        rejects("outChannels = 0: must be >= 1", () -> conv().outChannels(0).build());
        rejects("kernelW = 0: must be >= 1", () -> conv().kernel(3, 0).build());
        rejects("strideH = 0: must be >= 1", () -> conv().stride(0, 1).build());
        rejects("dilationW = 0: must be >= 1", () -> conv().dilation(1, 0).build());
        rejects("groups = 0: must be >= 1", () -> conv().groups(0).build());
        rejects("padLeft = -1: must be >= 0", () -> conv().padding(0, 0, -1, 0).build());
    }

    @Test
    void convRejectsChannelsNotDivisibleByGroups() {
        rejects("inChannels = 4: must be divisible by groups = 3", () -> conv().groups(3).build());
        rejects("outChannels = 6: must be divisible by groups = 4", () -> conv().outChannels(6).groups(4).build());
    }

    @Test
    void convRejectsKernelLargerThanPaddedInput() {
        rejects("kernelH = 5 (dilated extent 9): must be <= padded input height = inHeight + padding = 8, or there is no output",
                () -> conv().input(6, 20).kernel(5, 1).dilation(2, 1).padding(1).build());
        rejects("kernelW = 4 (dilated extent 4): must be <= padded input width = inWidth + padding = 3, or there is no output",
                () -> conv().input(6, 2).kernel(1, 4).padding(0, 0, 1, 0).build());
    }

    @Test
    void convRejectsIntOverflow() {
        rejects("input size (batch*inChannels*inHeight*inWidth) overflows: the product of [1000, 4, 1000, 1000]"
                + " exceeds Integer.MAX_VALUE (2147483647), the largest Java array",
                () -> conv().batch(1000).input(1000, 1000).build());
    }

    @Test
    void convOutputSizesAndFlops() {
        ConvSpec s = ConvSpec.builder().inChannels(64).outChannels(64).input(56, 56).kernel(3).padding(1).build();
        assertEquals(56, s.outHeight());
        assertEquals(2L * 64 * 56 * 56 * 64 * 9, s.flops());
        ConvSpec strided = ConvSpec.builder().inChannels(3).outChannels(64).input(224, 224).kernel(7).stride(2).padding(3).build();
        assertEquals(112, strided.outHeight());
        ConvSpec asym = ConvSpec.builder().input(5, 5).kernel(2).stride(2).padding(0, 1, 1, 0).build();
        assertEquals(3, asym.outHeight()); // (5+1-2)/2+1
        assertEquals(3, asym.outWidth());
    }

    @Test
    void conv1dValidates() {
        rejects("kernel = 4 (dilated extent 7): must be <= padded input length = length + padding = 5, or there is no output",
                () -> new Conv1dSpec(1, 1, 5, 1, 4, 1, 0, 0, 2, 1, false, Activation.NONE));
        rejects("stride = 0: must be >= 1", () -> new Conv1dSpec(1, 1, 5, 1, 3, 0, 0, 0, 1, 1, false, Activation.NONE));
        assertEquals(3, new Conv1dSpec(1, 1, 10, 1, 3, 3, 1, 0, 1, 1, false, Activation.NONE).outLength());
    }

    private static PoolSpec.Builder pool(PoolKind k) {
        return PoolSpec.builder(k).channels(2).input(7, 7).kernel(3);
    }

    @Test
    void poolRejectsPaddingNotSmallerThanTheKernel() {
        rejects("padTop = 3: must be smaller than the dilated kernel extent 3 (ONNX Runtime's rule: every window must overlap the input)",
                () -> pool(PoolKind.MAX).padding(3, 0, 0, 0).build());
        // dilation widens the allowed padding
        assertEquals(3, pool(PoolKind.MAX).dilation(2).stride(2).padding(3, 0, 0, 0).build().outHeight()); // (7+3-5)/2+1
    }

    @Test
    void poolRejectsMeaninglessCombinations() {
        rejects("dilation = (2, 1): average pooling has no dilation, must be (1, 1)",
                () -> pool(PoolKind.AVG).dilation(2, 1).build());
        rejects("countIncludePad = true: applies to AVG pooling only",
                () -> pool(PoolKind.MAX).countIncludePad(true).build());
        rejects("kernelW = 9 (dilated extent 9): must be <= padded input width = 7, or there is no output",
                () -> pool(PoolKind.MAX).kernel(1, 9).build());
        rejects("strideW = 0: must be >= 1", () -> pool(PoolKind.MAX).stride(1, 0).build());
    }

    @Test
    void poolOutputSizesFollowPyTorch() {
        // ResNet stem pool: 112 -> 56
        assertEquals(56, PoolSpec.builder(PoolKind.MAX).input(112, 112).kernel(3).stride(2).padding(1).build().outHeight());
        // floor vs ceil
        assertEquals(2, PoolSpec.builder(PoolKind.MAX).input(5, 5).kernel(2).stride(2).build().outHeight());
        assertEquals(3, PoolSpec.builder(PoolKind.MAX).input(5, 5).kernel(2).stride(2).ceilMode(true).build().outHeight());
        // ceil would give 4, but the 4th window would start at 6 >= 5 + 1 (in the bottom padding): dropped
        assertEquals(3, PoolSpec.builder(PoolKind.MAX).input(5, 5).kernel(2).stride(2).padding(1).ceilMode(true).build().outHeight());
        // stride defaults to the kernel
        assertEquals(3, PoolSpec.builder(PoolKind.AVG).input(6, 6).kernel(2).build().outHeight());
        PoolSpec g = PoolSpec.global(PoolKind.AVG, 1, 2048, 7, 7);
        assertEquals(1, g.outHeight());
        assertEquals(true, g.isGlobal());
    }
}
