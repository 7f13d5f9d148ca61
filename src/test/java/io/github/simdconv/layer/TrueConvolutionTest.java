package io.github.simdconv.layer;

import static io.github.simdconv.layer.LayerApiTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.simdconv.spec.ConvMode;
import org.junit.jupiter.api.Test;

/** Hand-checked (numpy/scipy) cases of the true convolution on the fast kernels. */
class TrueConvolutionTest {

    @Test
    void oneDimensionalMatchesNumpyConvolve() {
        float[] x = {1, 2, 3};
        float[] w = {0, 1, 0.5f};
        // numpy.convolve([1,2,3],[0,1,0.5], mode) -> full [0,1,2.5,4,1.5], same [1,2.5,4], valid [2.5]
        assertArrayEquals(new float[] {0, 1, 2.5f, 4, 1.5f}, TrueConvolution.convolve1d(x, w, ConvMode.FULL));
        assertArrayEquals(new float[] {1, 2.5f, 4}, TrueConvolution.convolve1d(x, w, ConvMode.SAME));
        assertArrayEquals(new float[] {2.5f}, TrueConvolution.convolve1d(x, w, ConvMode.VALID));
        // even kernel: numpy.convolve([1,2,3,4],[1,-1],'same') -> [1,1,1,1]
        assertArrayEquals(new float[] {1, 1, 1, 1}, TrueConvolution.convolve1d(new float[] {1, 2, 3, 4}, new float[] {1, -1}, ConvMode.SAME));
        // kernel longer than the signal: numpy swaps. numpy.convolve([1,2],[1,1,1],'same') -> [1,3,3], 'valid' -> [3,3]
        assertArrayEquals(new float[] {1, 3, 3}, TrueConvolution.convolve1d(new float[] {1, 2}, new float[] {1, 1, 1}, ConvMode.SAME));
        assertArrayEquals(new float[] {3, 3}, TrueConvolution.convolve1d(new float[] {1, 2}, new float[] {1, 1, 1}, ConvMode.VALID));
    }

    @Test
    void twoDimensionalMatchesScipyConvolve2d() {
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] k = {1, 0, 0, -1};
        // scipy.signal.convolve2d(x(3x3), [[1,0],[0,-1]], 'full')
        assertArrayEquals(new float[] {1, 2, 3, 0, 4, 4, 4, -3, 7, 4, 4, -6, 0, -7, -8, -9},
                TrueConvolution.convolve2d(x, 3, 3, k, 2, 2, ConvMode.FULL));
        assertArrayEquals(new float[] {1, 2, 3, 4, 4, 4, 7, 4, 4}, TrueConvolution.convolve2d(x, 3, 3, k, 2, 2, ConvMode.SAME));
        assertArrayEquals(new float[] {4, 4, 4, 4}, TrueConvolution.convolve2d(x, 3, 3, k, 2, 2, ConvMode.VALID));
        // valid with the kernel the larger operand: swapped
        assertArrayEquals(new float[] {4, 4, 4, 4}, TrueConvolution.convolve2d(k, 2, 2, x, 3, 3, ConvMode.VALID));
        assertMessage(() -> TrueConvolution.convolve2d(new float[6], 2, 3, new float[6], 3, 2, ConvMode.VALID),
                "at least as large as the other");
    }

    @Test
    void layersRejectWhatNumpyWouldSwap() {
        TrueConvolution one = TrueConvolution.of1d(new float[] {1, 2, 3}, ConvMode.SAME);
        assertMessage(() -> one.outputShape(Shape.of(1, 1, 1, 2)), "signal length 2 < kernel length 3", "swap");
        assertEquals(Shape.of(2, 1, 1, 5), one.outputShape(Shape.of(2, 1, 1, 5)));
        assertEquals(Shape.of(1, 1, 1, 4), TrueConvolution.of1d(new float[] {1, 2, 3}, ConvMode.FULL).outputShape(Shape.of(1, 1, 1, 2)));
        TrueConvolution two = TrueConvolution.of2d(new float[9], 3, 3, ConvMode.VALID);
        assertMessage(() -> two.outputShape(Shape.of(1, 1, 2, 5)), "smaller than the kernel", "swap");
        assertMessage(() -> two.outputShape(Shape.of(1, 2, 5, 5)), "2 channels", "must be 1");
        assertEquals(Shape.of(1, 1, 2, 2), TrueConvolution.of2d(new float[9], 3, 3, ConvMode.SAME).outputShape(Shape.of(1, 1, 2, 2)));
        assertMessage(() -> TrueConvolution.of2d(new float[8], 3, 3, ConvMode.FULL), "kernel.length = 8");
        assertMessage(() -> TrueConvolution.of1d(null, ConvMode.FULL), "kernel is null");
        assertMessage(() -> TrueConvolution.convolve1d(new float[0], new float[1], ConvMode.FULL), "x.length = 0");
    }
}
