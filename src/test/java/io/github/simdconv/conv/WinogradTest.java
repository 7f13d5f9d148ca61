package io.github.simdconv.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.simdconv.reference.ReferenceConv;
import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.ConvSpec;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WinogradTest {
    private static final List<Winograd> ALL = List.of(Winograd.F2, Winograd.F4, Winograd.F6);

    @Test
    void lavinsF4MatricesAreReproduced() {
        WinogradTransform t = WinogradTransform.F4;
        double[][] bt = {{4, 0, -5, 0, 1, 0}, {0, -4, -4, 1, 1, 0}, {0, 4, -4, -1, 1, 0},
            {0, -2, -1, 2, 1, 0}, {0, 2, -1, -2, 1, 0}, {0, 4, 0, -5, 0, 1}};
        double[][] at = {{1, 1, 1, 1, 1, 0}, {0, 1, -1, 2, -2, 0}, {0, 1, 1, 4, 4, 0}, {0, 1, -1, 8, -8, 1}};
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(bt[i], t.bt[i], 0.0);
        }
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(at[i], t.at[i], 0.0);
        }
        assertEquals(0.25, t.g[0][0], 0.0);
        assertEquals(-1.0 / 6, t.g[1][1], 1e-16);
        assertEquals(1.0 / 24, t.g[3][0], 1e-16);
    }

    @Test
    void everyTransformComputesTheCorrelationExactlyInDouble() {
        SplittableRandom r = new SplittableRandom(1);
        for (Winograd a : ALL) {
            WinogradTransform t = a.transform();
            double[] d = new double[t.alpha];
            double[] w = {r.nextDouble(), r.nextDouble(), r.nextDouble()};
            for (int i = 0; i < d.length; i++) {
                d[i] = r.nextDouble();
            }
            double[] y = t.correlate1d(d, w);
            for (int i = 0; i < t.m; i++) {
                assertEquals(w[0] * d[i] + w[1] * d[i + 1] + w[2] * d[i + 2], y[i], 1e-12, a.name());
            }
        }
    }

    @Test
    void supportsSaysWhyNot() {
        ConvSpec base = ConvSpec.builder().inChannels(2).outChannels(2).input(8, 8).kernel(3).build();
        for (Winograd a : ALL) {
            assertTrue(a.supports(base).supported());
            assertTrue(a.supports(base.toBuilder().padding(0, 2, 1, 0).groups(2).bias(true).build()).supported());
            assertEquals("kernel must be 3x3, is 5x5", a.supports(base.toBuilder().kernel(5).build()).reason());
            assertEquals("kernel must be 3x3, is 3x1", a.supports(base.toBuilder().kernel(3, 1).build()).reason());
            assertEquals("stride must be 1, is 2,1", a.supports(base.toBuilder().stride(2, 1).build()).reason());
            assertEquals("dilation must be 1, is 1,2", a.supports(base.toBuilder().dilation(1, 2).build()).reason());
        }
    }

    @Test
    void planningAnUnsupportedSpecNamesTheRule() {
        ConvSpec s = ConvSpec.builder().input(8, 8).kernel(3).stride(2).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Winograd.F4.plan(s, new float[9], null, 1));
        assertTrue(e.getMessage().contains("winograd4") && e.getMessage().contains("stride must be 1"), e.getMessage());
    }

    @Test
    void f6IsAvoidedAtLargeChannelCounts() {
        ConvSpec small = ConvSpec.builder().inChannels(64).outChannels(64).input(28, 28).kernel(3).padding(1).build();
        ConvSpec big = small.toBuilder().inChannels(512).build();
        assertTrue(Winograd.F6.accurateFor(small));
        assertFalse(Winograd.F6.accurateFor(big));
        assertTrue(Winograd.F4.accurateFor(big));
        assertFalse(Winograd.F4.accurateFor(big.toBuilder().stride(2).build()));
    }

    @Test
    void integerKnownCaseWithAsymmetricPaddingBiasAndRelu() {
        // 1 channel 5x5 ramp, all-ones kernel: the 3x3 box sums, then bias -20 and ReLU
        ConvSpec s = ConvSpec.builder().input(5, 5).kernel(3).padding(1, 0, 0, 2).bias(true)
                .activation(Activation.RELU).build();
        float[] in = new float[25];
        for (int i = 0; i < 25; i++) {
            in[i] = i;
        }
        float[] w = new float[9];
        java.util.Arrays.fill(w, 1f);
        float[] b = {-20f};
        float[] expected = ReferenceConv.conv2d(s, in, w, b);
        for (Winograd a : ALL) {
            float[] out = new float[s.outputSize()];
            a.plan(s, w, b, 1).execute(in, out);
            assertArrayEquals(expected, out, 1e-3f, a.name());
        }
    }

    @Test
    void executeAllocatesNothing() {
        ConvSpec s = ConvSpec.builder().batch(2).inChannels(24).outChannels(20).input(19, 23).kernel(3)
                .padding(1, 2, 0, 1).groups(2).bias(true).activation(Activation.RELU).build();
        float[] in = new float[s.inputSize()];
        float[] w = new float[s.weightSize()];
        float[] out = new float[s.outputSize()];
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (Winograd a : ALL) {
            for (int threads = 1; threads <= 2; threads++) {
                ConvPlan p = a.plan(s, w, new float[20], threads);
                // until the JIT has compiled the vector code, the interpreter boxes vectors:
                // the steady state must allocate nothing
                long bytes = Long.MAX_VALUE;
                for (int round = 0; round < 100 && bytes >= 1024; round++) {
                    long before = mx.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < 20; i++) {
                        p.execute(in, out);
                    }
                    bytes = mx.getCurrentThreadAllocatedBytes() - before;
                }
                assertTrue(bytes < 1024, a.name() + " threads " + threads + ": " + bytes + " bytes allocated in 20 calls");
            }
        }
    }

    /**
     * One block shared by two workers (channel parts of the input transform, a barrier, then
     * output-channel chunks claimed from counters): repeated calls on one plan, and a call made
     * from inside a body of the same pool (which finds the pool busy and runs alone, so the
     * barrier must not wait for a second worker), give the one-thread bits.
     */
    @Test
    void sharedBlockIsTheSameForRepeatedAndNestedCalls() {
        ConvSpec s = ConvSpec.builder().inChannels(40).outChannels(67).input(9, 11).kernel(3).padding(1)
                .bias(true).activation(Activation.RELU).build();
        SplittableRandom r = new SplittableRandom(7);
        float[] in = new float[s.inputSize()];
        float[] w = new float[s.weightSize()];
        float[] b = new float[s.outChannels()];
        for (float[] x : new float[][] {in, w, b}) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (r.nextDouble() * 2 - 1);
            }
        }
        for (Winograd a : List.of(Winograd.F2, Winograd.F4, Winograd.F6)) {
            float[] one = new float[s.outputSize()];
            a.plan(s, w, b, 1).execute(in, one);
            ConvPlan two = a.plan(s, w, b, 2);
            for (int call = 0; call < 3; call++) {
                float[] out = new float[s.outputSize()];
                two.execute(in, out);
                assertArrayEquals(one, out, a.name() + " call " + call);
            }
            float[] nested = new float[s.outputSize()];
            io.github.simdconv.parallel.WorkerPool.shared(2).parallelFor(2, (begin, end, worker) -> {
                if (worker == 0) {
                    two.execute(in, nested);
                }
            });
            assertArrayEquals(one, nested, a.name() + " nested");
        }
    }
}
