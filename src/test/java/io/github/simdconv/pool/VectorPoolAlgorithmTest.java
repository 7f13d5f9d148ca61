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
    /**
     * The max 3x3/s2 plane loop allocates nothing once compiled, on the row kinds it has: inner rows,
     * a right column clipped to 2 taps (113 wide) and a ceil-mode last row whose only tap row is the
     * held one (112 wide, ceil; that row once left C2 with boxed vectors: 100 KB per call), plus a
     * NaN plane that switches to the exact fold; and the 2x2/s2 plane loop. Rounds until one
     * allocates nothing (the Vector API boxes until C2 has compiled the kernel), at most 30 s.
     */
    @Test
    void planeLoopsAllocateNothingOnceCompiled() {
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        PoolSpec[] specs = {
            PoolSpec.builder(PoolKind.MAX).channels(4).input(112, 112).kernel(3).stride(2).padding(1).build(),
            PoolSpec.builder(PoolKind.MAX).channels(4).input(113, 113).kernel(3).stride(2).padding(1).build(),
            PoolSpec.builder(PoolKind.MAX).channels(4).input(112, 112).kernel(3).stride(2).padding(1).ceilMode(true).build(),
            PoolSpec.builder(PoolKind.MAX).channels(4).input(56, 56).kernel(2).stride(2).build(),
        };
        PoolPlan[] plans = new PoolPlan[specs.length];
        float[][] ins = new float[specs.length][];
        float[][] outs = new float[specs.length][];
        for (int k = 0; k < specs.length; k++) {
            ins[k] = new float[specs[k].inputSize()];
            for (int i = 0; i < ins[k].length; i++) {
                ins[k][i] = (i * 7919 % 1000) - 500;
            }
            ins[k][ins[k].length - 100] = Float.NaN; // the last plane runs the exact fold after this row
            outs[k] = new float[specs[k].outputSize()];
            plans[k] = A.plan(specs[k], 1);
        }
        long[] min = new long[specs.length];
        java.util.Arrays.fill(min, Long.MAX_VALUE);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (java.util.Arrays.stream(min).max().getAsLong() > 0 && System.nanoTime() < deadline) {
            for (int k = 0; k < specs.length; k++) {
                long before = mx.getThreadAllocatedBytes(thread);
                for (int i = 0; i < 10; i++) {
                    plans[k].execute(ins[k], outs[k]);
                }
                min[k] = Math.min(min[k], mx.getThreadAllocatedBytes(thread) - before);
            }
        }
        assertArrayEquals(new long[specs.length], min, "fewest bytes allocated by 10 calls, per spec");
    }
}
