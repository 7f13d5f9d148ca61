package io.github.simdconv.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.simdconv.examples.LeNet5;
import io.github.simdconv.examples.ResNetBasicBlock;
import io.github.simdconv.layer.AlgorithmChoice;
import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.ConvSpec;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * After the first call on a shape, a forward pass through a Sequential allocates nothing.
 *
 * <p>It runs twice in the build: in a JVM of its own (surefire execution {@code allocation-test})
 * and last in the main test JVM ({@code @Order} with the class orderer set in
 * {@code junit-platform.properties}), after thousands of property cases have shaped C2's
 * profiles. The second is the one that caught a masked vector load at the end of an array, whose
 * Vector API out-of-range path allocated 16 bytes per pass once its callees stopped inlining.
 */
@Order(Integer.MAX_VALUE)
class AllocationTest {

    private static long allocated(com.sun.management.ThreadMXBean mx) {
        return mx.getThreadAllocatedBytes(Thread.currentThread().threadId());
    }

    /**
     * Layer kinds the two example networks do not cover, on AUTO unless named: Winograd F(4x4)
     * (24x24) and F(2x2) (12x12, named: AUTO takes F(4x4) there since the third session),
     * depthwise, average pooling with padding, ReLU; rows narrower than a vector,
     * so masked tails reach the ends of exactly sized buffers.
     */
    private static Layer mixed() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        ConvSpec w4 = ConvSpec.builder().inChannels(16).outChannels(16).input(24, 24).kernel(3).padding(1)
                .bias(true).activation(Activation.RELU).build();
        ConvSpec w2 = w4.toBuilder().input(12, 12).activation(Activation.NONE).build();
        // the depthwise layer: before main's 0bf17d9 (a C1-compilable 3x3 depthwise kernel),
        // DepthwiseVectorKernel.rows3x3 ran with boxed vectors in the main test JVM (JFR:
        // FloatVector.zero allocating, ~1.4 MB per pass), though it allocated nothing in a fresh JVM
        ConvSpec dw = w2.toBuilder().groups(16).build();
        // direct's pointwise kernel on 6x6 planes (36 pixels: a masked tail vector). Its tail
        // method once took a VectorMask argument, boxed when C2 stopped inlining the call after
        // the property suite: 192 B per pass
        ConvSpec pw = w2.toBuilder().input(6, 6).kernel(1).padding(0).build();
        return new Sequential(new Conv2d(w4, random(r, w4.weightSize()), random(r, 16)), new MaxPool2d(2),
                new Conv2d(w2, random(r, w2.weightSize()), random(r, 16), AlgorithmChoice.named("winograd2")),
                new Conv2d(dw, random(r, dw.weightSize()), random(r, 16)), new AvgPool2d(3, 1, 1), new ReLU(),
                new MaxPool2d(2), new Conv2d(pw, random(r, pw.weightSize()), random(r, 16), AlgorithmChoice.named("direct")),
                new GlobalAvgPool2d(), new Flatten());
    }

    private static float[] random(java.util.SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() - 0.5);
        }
        return a;
    }

    @Test
    void forwardAllocatesNothingAfterTheFirstCall() {
        var bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's ThreadMXBean");
        var mx = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        for (int threads : new int[] {1, 2}) {
            Layer lenet = LeNet5.build(AlgorithmChoice.AUTO, 5).threads(threads);
            Layer block = new Sequential(ResNetBasicBlock.build(4, AlgorithmChoice.AUTO, 6), new MaxPool2d(2),
                    new GlobalAvgPool2d(), new Flatten()).threads(threads);
            Layer mixed = mixed().threads(threads);
            Tensor x1 = Tensor.zeros(Shape.of(2, 1, 28, 28));
            Tensor y1 = Tensor.zeros(lenet.outputShape(x1.shape()));
            Tensor x2 = Tensor.zeros(Shape.of(1, 4, 10, 10));
            Tensor y2 = Tensor.zeros(block.outputShape(x2.shape()));
            Tensor x3 = Tensor.zeros(Shape.of(1, 16, 24, 24));
            Tensor y3 = Tensor.zeros(mixed.outputShape(x3.shape()));
            String plan = ((AbstractLayer) mixed).describe(x3.shape());
            assertTrue(plan.contains("[winograd4]") && plan.contains("[winograd2]") && plan.contains("[depthwise]")
                    && plan.contains("[direct]"), plan);
            Layer[] nets = {lenet, block, mixed};
            Tensor[] xs = {x1, x2, x3};
            Tensor[] ys = {y1, y2, y3};
            String[] names = {"LeNet-5", "ResNet block", "Winograd/depthwise/pool net"};
            for (int i = 0; i < 5; i++) { // plan on the first call
                for (int k = 0; k < nets.length; k++) {
                    nets[k].forward(xs[k], ys[k]);
                }
            }
            // the Vector API allocates (boxes vectors) until C2 has compiled the kernels: run rounds
            // until each network has had one that allocates nothing, and fail only if one has not
            // within the time budget
            long[] min = new long[nets.length];
            java.util.Arrays.fill(min, Long.MAX_VALUE);
            long deadline = System.nanoTime() + 60_000_000_000L;
            int rounds = 0;
            while (java.util.Arrays.stream(min).max().getAsLong() > 0 && System.nanoTime() < deadline) {
                for (int k = 0; k < nets.length; k++) {
                    long before = allocated(mx);
                    for (int i = 0; i < 10; i++) {
                        nets[k].forward(xs[k], ys[k]);
                    }
                    min[k] = Math.min(min[k], allocated(mx) - before);
                }
                rounds++;
            }
            StringBuilder msg = new StringBuilder("fewest bytes allocated by 10 forward passes on " + threads
                    + " threads, in " + rounds + " rounds:");
            for (int k = 0; k < nets.length; k++) {
                msg.append(' ').append(names[k]).append(' ').append(min[k]);
            }
            assertEquals(0, java.util.Arrays.stream(min).max().getAsLong(), msg.toString());
            assertTrue(y1.size() == 20);
        }
    }
}
