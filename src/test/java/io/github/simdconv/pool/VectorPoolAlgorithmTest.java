package io.github.simdconv.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;
import org.junit.jupiter.api.Test;

/** Known cases and argument errors of the "vector" pooling algorithm. */
class VectorPoolAlgorithmTest {
    private static final PoolAlgorithm A = VectorPoolAlgorithm.INSTANCE;

    @Test
    void isRegisteredAndSupportsEverything() {
        assertSame(A, PoolAlgorithms.byName("vector"));
        assertTrue(A.supports(PoolSpec.builder(PoolKind.MAX).input(5, 5).kernel(3).stride(2).dilation(2).build())
                .supported());
    }

    @Test
    void maxAndAverage2x2OnA4x4Image() {
        float[] in = {
            1, 2, 3, 4,
            5, 6, 7, 8,
            -1, -2, 0, 9,
            -3, -4, 1, 1,
        };
        PoolSpec max = PoolSpec.builder(PoolKind.MAX).input(4, 4).kernel(2).build();
        float[] out = new float[4];
        int[] idx = new int[4];
        A.plan(max, 1).executeWithIndices(in, 0, out, 0, idx, 0);
        assertArrayEquals(new float[] {6, 8, -1, 9}, out);
        assertArrayEquals(new int[] {5, 7, 8, 11}, idx);
        PoolSpec avg = PoolSpec.builder(PoolKind.AVG).input(4, 4).kernel(2).build();
        A.plan(avg, 2).execute(in, out);
        assertArrayEquals(new float[] {3.5f, 5.5f, -2.5f, 2.75f}, out);
    }

    @Test
    void nanWinsAndTheLastNaNIsTheArgmax() {
        float nan1 = Float.intBitsToFloat(0x7fc00001);
        float nan2 = Float.intBitsToFloat(0x7fc00002);
        float[] in = new float[40];
        in[3] = nan1;
        in[5] = 7;
        in[6] = nan2;
        PoolSpec g = PoolSpec.global(PoolKind.MAX, 1, 1, 5, 8);
        float[] out = new float[1];
        int[] idx = new int[1];
        A.plan(g, 1).executeWithIndices(in, 0, out, 0, idx, 0);
        assertEquals(0x7fc00002, Float.floatToRawIntBits(out[0]));
        assertEquals(6, idx[0]);
    }

    @Test
    void rejectsBadArgumentsBeforeWork() {
        PoolSpec s = PoolSpec.builder(PoolKind.AVG).input(4, 4).kernel(2).build();
        PoolPlan p = A.plan(s, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.execute(new float[16], 0, new float[3], 0));
        assertTrue(e.getMessage().contains("output.length = 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> p.executeWithIndices(new float[16], 0, new float[4], 0, new int[4], 0));
        assertTrue(e.getMessage().contains("MAX pooling only"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> A.plan(s, 0));
        assertTrue(e.getMessage().contains("threads = 0"), e.getMessage());
    }
}
