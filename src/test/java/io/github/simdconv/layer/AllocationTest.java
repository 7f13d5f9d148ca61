package io.github.simdconv.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.simdconv.examples.LeNet5;
import io.github.simdconv.examples.ResNetBasicBlock;
import io.github.simdconv.layer.AlgorithmChoice;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** After the first call on a shape, a forward pass through a Sequential allocates nothing. */
class AllocationTest {

    private static long allocated(com.sun.management.ThreadMXBean mx) {
        return mx.getThreadAllocatedBytes(Thread.currentThread().threadId());
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
            Tensor x1 = Tensor.zeros(Shape.of(2, 1, 28, 28));
            Tensor y1 = Tensor.zeros(lenet.outputShape(x1.shape()));
            Tensor x2 = Tensor.zeros(Shape.of(1, 4, 10, 10));
            Tensor y2 = Tensor.zeros(block.outputShape(x2.shape()));
            for (int i = 0; i < 5; i++) { // plan on the first call
                lenet.forward(x1, y1);
                block.forward(x2, y2);
            }
            // the Vector API allocates (boxes vectors) until C2 has compiled the kernels: run rounds
            // until one allocates nothing, and fail only if none does within the time budget
            long min = Long.MAX_VALUE;
            long deadline = System.nanoTime() + 60_000_000_000L;
            int rounds = 0;
            while (min > 0 && System.nanoTime() < deadline) {
                long before = allocated(mx);
                for (int i = 0; i < 10; i++) {
                    lenet.forward(x1, y1);
                    block.forward(x2, y2);
                }
                min = Math.min(min, allocated(mx) - before);
                rounds++;
            }
            assertEquals(0, min, "fewest bytes allocated by 20 forward passes on " + threads + " threads, in "
                    + rounds + " rounds");
            assertTrue(y1.size() == 20);
        }
    }
}
