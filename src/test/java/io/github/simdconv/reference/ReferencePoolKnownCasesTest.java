package io.github.simdconv.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;
import org.junit.jupiter.api.Test;

/** Hand-computed cases for the reference poolings (PyTorch's semantics). */
class ReferencePoolKnownCasesTest {
    private static final float[] X = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test
    void max2x2Stride2WithIndicesAcrossBatchAndChannels() {
        // two planes of 2x4: the flat index runs over the whole tensor
        float[] in = {1, 5, 2, 0, 3, 4, 8, 8,
                      -1, -2, -3, -4, -5, -6, -7, -8};
        PoolSpec s = PoolSpec.builder(PoolKind.MAX).channels(2).input(2, 4).kernel(2).build();
        float[] out = new float[4];
        int[] idx = new int[4];
        ReferencePool.maxPool(s, in, 0, out, 0, idx, 0);
        assertArrayEquals(new float[] {5, 8, -1, -3}, out);
        // ties (8, 8) keep the first; plane 1 starts at 8
        assertArrayEquals(new int[] {1, 6, 8, 10}, idx);
    }

    @Test
    void maxPropagatesNaNAndHandlesMinusInfinity() {
        float inf = Float.NEGATIVE_INFINITY;
        float[] in = {1, Float.NaN, inf, inf, 3, 2, inf, inf};
        PoolSpec s = PoolSpec.builder(PoolKind.MAX).input(2, 4).kernel(2).build();
        float[] out = new float[2];
        int[] idx = new int[2];
        ReferencePool.maxPool(s, in, 0, out, 0, idx, 0);
        assertEquals(Float.NaN, out[0]);
        assertEquals(1, idx[0]);
        assertEquals(inf, out[1]);
        assertEquals(2, idx[1]); // all -inf: the first tap
    }

    @Test
    void maxIgnoresPadding() {
        float[] in = {-5, -6, -7, -8};
        PoolSpec s = PoolSpec.builder(PoolKind.MAX).input(2, 2).kernel(2).stride(1).padding(1).build();
        // 3x3 output; padding never wins even though every value is negative
        assertArrayEquals(new float[] {-5, -5, -6, -5, -5, -6, -7, -7, -8}, ReferencePool.pool(s, in));
    }

    @Test
    void averageWithAndWithoutCountIncludePad() {
        PoolSpec.Builder b = PoolSpec.builder(PoolKind.AVG).input(3, 3).kernel(2).stride(2).padding(1);
        // windows (-1..0)x(-1..0), (-1..0)x(1..2), (1..2)x(-1..0), (1..2)x(1..2) over [[1,2,3],[4,5,6],[7,8,9]]
        assertArrayEquals(new float[] {1 / 4f, 5 / 4f, 11 / 4f, 7}, ReferencePool.pool(b.countIncludePad(true).build(), X));
        assertArrayEquals(new float[] {1, 2.5f, 5.5f, 7}, ReferencePool.pool(b.countIncludePad(false).build(), X));
    }

    @Test
    void ceilModeOverhangIsNotCountedEvenWithCountIncludePad() {
        float[] row = {1, 2, 3, 4};
        PoolSpec.Builder b = PoolSpec.builder(PoolKind.AVG).input(1, 4).kernel(1, 3).stride(1, 2).padding(0, 0, 1, 1).ceilMode(true);
        // out = ceil((4 + 2 - 3) / 2) + 1 = 3 windows starting at -1, 1, 3
        // include pad: (0+1+2)/3, (2+3+4)/3, window [3,6) clipped to the padded edge 5: (4+0)/2
        assertArrayEquals(new float[] {1, 3, 2}, ReferencePool.pool(b.countIncludePad(true).build(), row));
        assertArrayEquals(new float[] {1.5f, 3, 4}, ReferencePool.pool(b.countIncludePad(false).build(), row));
    }

    @Test
    void ceilModeWithoutPaddingClipsToTheInput() {
        PoolSpec s = PoolSpec.builder(PoolKind.AVG).input(1, 4).kernel(1, 3).stride(1, 2).ceilMode(true).build();
        assertArrayEquals(new float[] {2, 3.5f}, ReferencePool.pool(s, new float[] {1, 2, 3, 4}));
    }

    @Test
    void globalPools() {
        float[] in = {1, 2, 3, 4, -1, -2, -3, -10};
        assertArrayEquals(new float[] {2.5f, -4}, ReferencePool.pool(PoolSpec.global(PoolKind.AVG, 1, 2, 2, 2), in));
        assertArrayEquals(new float[] {4, -1}, ReferencePool.pool(PoolSpec.global(PoolKind.MAX, 1, 2, 2, 2), in));
    }

    @Test
    void dilatedMax() {
        PoolSpec s = PoolSpec.builder(PoolKind.MAX).input(3, 3).kernel(2).stride(1).dilation(2).build();
        // taps x00, x02, x20, x22 of [[9,0,1],[0,0,0],[2,0,3]]
        assertArrayEquals(new float[] {9}, ReferencePool.pool(s, new float[] {9, 0, 1, 0, 0, 0, 2, 0, 3}));
    }
}
