package io.github.simdconv.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.Conv1dSpec;
import io.github.simdconv.spec.ConvMode;
import io.github.simdconv.spec.ConvSpec;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed cases for the reference convolutions. "The known case is needed since this test
 * case tests against other algorithms in this library, which could in theory be wrong" (EJML):
 * everything else is compared with the reference, so the reference is checked on paper first.
 */
class ReferenceConvKnownCasesTest {
    // x = [[1,2,3],[4,5,6],[7,8,9]]
    private static final float[] X = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    // w = [[1,2],[3,4]]
    private static final float[] W = {1, 2, 3, 4};

    @Test
    void valid2x2() {
        ConvSpec s = ConvSpec.builder().input(3, 3).kernel(2).build();
        // 1*1+2*2+4*3+5*4 = 37, 2+6+15+24 = 47, 4+10+21+32 = 67, 5+12+24+36 = 77
        assertArrayEquals(new float[] {37, 47, 67, 77}, ReferenceConv.conv2d(s, X, W, null));
    }

    @Test
    void stride2Padding1() {
        ConvSpec s = ConvSpec.builder().input(3, 3).kernel(2).stride(2).padding(1).build();
        assertEquals(2, s.outHeight());
        // windows start at -1 and 1: only taps inside the image count
        // (0,0): x00*w11 = 4; (0,1): x01*w10 + x02*w11 = 6+12; (1,0): x10*w01 + x20*w11 = 8+28; (1,1): 77
        assertArrayEquals(new float[] {4, 18, 36, 77}, ReferenceConv.conv2d(s, X, W, null));
    }

    @Test
    void dilation2() {
        ConvSpec s = ConvSpec.builder().input(3, 3).kernel(2).dilation(2).build();
        assertEquals(1, s.outHeight());
        // taps x00, x02, x20, x22: 1*1 + 3*2 + 7*3 + 9*4
        assertArrayEquals(new float[] {64}, ReferenceConv.conv2d(s, X, W, null));
    }

    @Test
    void asymmetricPadding() {
        ConvSpec s = ConvSpec.builder().input(1, 3).kernel(1, 2).padding(0, 0, 2, 0).build();
        // padded row [0,0,1,2,3] * [1,1]
        assertArrayEquals(new float[] {0, 1, 3, 5}, ReferenceConv.conv2d(s, new float[] {1, 2, 3}, new float[] {1, 1}, null));
    }

    @Test
    void groupsBiasAndRelu() {
        ConvSpec s = ConvSpec.builder().inChannels(2).outChannels(2).groups(2).bias(true)
                .activation(Activation.RELU).build();
        // channel 0: 2*10 + 1 = 21; channel 1: 3*100 - 1000 < 0 -> 0
        assertArrayEquals(new float[] {21, 0},
                ReferenceConv.conv2d(s, new float[] {2, 3}, new float[] {10, 100}, new float[] {1, -1000}));
    }

    @Test
    void multiChannelSumsOverInputChannelsAndBatch() {
        ConvSpec s = ConvSpec.builder().batch(2).inChannels(2).outChannels(1).input(1, 1).build();
        // out[n] = 2*x[n][0] + 3*x[n][1]
        assertArrayEquals(new float[] {2 + 6, 20 + 30},
                ReferenceConv.conv2d(s, new float[] {1, 2, 10, 10}, new float[] {2, 3}, null));
    }

    @Test
    void conv1dIsCrossCorrelation() {
        // ML's "convolution": no flip. [1,2,3,4] . [1,0,-1] -> [1-3, 2-4]
        assertArrayEquals(new float[] {-2, -2},
                ReferenceConv.conv1d(Conv1dSpec.of(1, 4, 1, 3), new float[] {1, 2, 3, 4}, new float[] {1, 0, -1}, null));
    }

    @Test
    void trueConvolution1dMatchesNumpy() {
        float[] x = {1, 2, 3};
        float[] w = {0, 1, 0.5f};
        // numpy.convolve([1,2,3],[0,1,0.5], mode)
        assertArrayEquals(new float[] {0, 1, 2.5f, 4, 1.5f}, ReferenceConv.convolve1d(x, w, ConvMode.FULL));
        assertArrayEquals(new float[] {1, 2.5f, 4}, ReferenceConv.convolve1d(x, w, ConvMode.SAME));
        assertArrayEquals(new float[] {2.5f}, ReferenceConv.convolve1d(x, w, ConvMode.VALID));
        // kernel longer than the signal: numpy swaps them
        assertArrayEquals(new float[] {1, 12, 120, 1200},
                ReferenceConv.convolve1d(new float[] {1, 2}, new float[] {1, 10, 100, 1000}, ConvMode.SAME));
        assertArrayEquals(new float[] {12, 120, 1200},
                ReferenceConv.convolve1d(new float[] {1, 2}, new float[] {1, 10, 100, 1000}, ConvMode.VALID));
    }

    @Test
    void trueConvolution1dFlipsTheKernel() {
        // the lecture notes' (x*w)[p] = sum_i x[p+i] w[n-i]: valid mode with w = [1, 0, -1] gives x[p+2] - x[p]
        assertArrayEquals(new float[] {2, 2},
                ReferenceConv.convolve1d(new float[] {1, 2, 3, 4}, new float[] {1, 0, -1}, ConvMode.VALID));
    }

    @Test
    void trueConvolution2dMatchesScipy() {
        float[] k = {1, 2, 3, 4};
        // scipy.signal.convolve2d([[1,2,3],[4,5,6],[7,8,9]], [[1,2],[3,4]], mode)
        assertArrayEquals(new float[] {1, 4, 7, 7, 23, 33, 19, 53, 63},
                ReferenceConv.convolve2d(X, 3, 3, k, 2, 2, ConvMode.SAME));
        assertArrayEquals(new float[] {23, 33, 53, 63}, ReferenceConv.convolve2d(X, 3, 3, k, 2, 2, ConvMode.VALID));
        // scipy.signal.convolve2d([[1,2],[3,4]], [[0,1],[2,0]], 'full')
        assertArrayEquals(new float[] {0, 1, 2, 2, 7, 4, 6, 8, 0},
                ReferenceConv.convolve2d(new float[] {1, 2, 3, 4}, 2, 2, new float[] {0, 1, 2, 0}, 2, 2, ConvMode.FULL));
        // kernel larger than the image in 'same' mode: shape of the image
        float[] ones = {1, 1, 1, 1};
        float[] k9 = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        assertArrayEquals(new float[] {8, 12, 20, 24}, ReferenceConv.convolve2d(ones, 2, 2, k9, 3, 3, ConvMode.SAME));
    }

    @Test
    void trueConvolution2dValidSwapsWhenTheKernelIsLargerInOneAxisAndEqualInTheOther() {
        // scipy.signal.convolve2d([[1],[2],[3],[4],[5],[6]], [[1,2],[3,4],...,[11,12]], 'valid') = [[91, 112]]
        float[] x = {1, 2, 3, 4, 5, 6};
        float[] k = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        assertArrayEquals(new float[] {91, 112}, ReferenceConv.convolve2d(x, 6, 1, k, 6, 2, ConvMode.VALID));
    }

    @Test
    void trueConvolution2dValidNeedsOneOperandLargerInBothAxes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceConv.convolve2d(new float[10], 2, 5, new float[6], 3, 2, ConvMode.VALID));
        assertEquals("kernel 3x2 vs image 2x5: for VALID mode one must be at least as large as the other in both dimensions",
                e.getMessage());
    }

    @Test
    void reluKeepsNaN() {
        ConvSpec s = ConvSpec.builder().activation(Activation.RELU).build();
        assertEquals(Float.NaN, ReferenceConv.conv2d(s, new float[] {Float.NaN}, new float[] {1}, null)[0]);
    }

    @Test
    void rejectsWrongSizes() {
        ConvSpec s = ConvSpec.builder().input(3, 3).kernel(2).build();
        assertEquals("weights.length = 3: must be outChannels*inChannels/groups*kernelH*kernelW = 4",
                assertThrows(IllegalArgumentException.class, () -> ReferenceConv.conv2d(s, X, new float[3], null)).getMessage());
        assertEquals("input.length = 8: must be >= offset + 9 = 9",
                assertThrows(IllegalArgumentException.class, () -> ReferenceConv.conv2d(s, new float[8], W, null)).getMessage());
    }
}
