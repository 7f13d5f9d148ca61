package io.github.simdconv.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.simdconv.examples.ResNetBasicBlock;
import io.github.simdconv.harness.LayerRef;
import io.github.simdconv.harness.Tolerance;
import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.ConvSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One model used by several threads at once (an inference server): every output of a bounded
 * number of concurrent forward passes equals the single-threaded output bitwise, and that output
 * matches the reference composition within the derived bound.
 */
class ConcurrencyStressTest {
    private static final int CALLERS = 6;
    private static final int PASSES = 60;
    private static final int INPUTS = 8;

    @Test
    void oneModelManyThreadsEveryOutputChecked() throws Exception {
        SplittableRandom r = new SplittableRandom(11);
        ConvSpec stem = ConvSpec.builder().inChannels(3).outChannels(8).kernel(3).stride(2).padding(1)
                .bias(true).activation(Activation.RELU).build();
        float[] w = new float[stem.weightSize()];
        float[] b = new float[8];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextDouble() - 0.5);
        }
        Sequential model = new Sequential(new Conv2d(stem, w, b), ResNetBasicBlock.build(8, AlgorithmChoice.AUTO, 12),
                new MaxPool2d(2), new Flatten(), new Linear(8 * 4 * 4, 5, random(r, 8 * 16 * 5), random(r, 5)));
        model.threads(2); // the callers also share the model's worker pool
        Shape in = Shape.of(2, 3, 16, 16);
        float[][] inputs = new float[INPUTS][];
        float[][] expected = new float[INPUTS][];
        for (int i = 0; i < INPUTS; i++) {
            inputs[i] = random(r, in.size());
            expected[i] = model.forward(Tensor.of(in, inputs[i])).toArray();
            LayerRef.assertMatches("input " + i, model, in, inputs[i], expected[i]);
        }
        ExecutorService exec = Executors.newFixedThreadPool(CALLERS);
        AtomicInteger checked = new AtomicInteger();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < CALLERS; t++) {
                final int caller = t;
                futures.add(exec.submit(() -> {
                    Tensor out = Tensor.zeros(model.outputShape(in));
                    for (int p = 0; p < PASSES; p++) {
                        int i = (caller * 7 + p) % INPUTS;
                        model.forward(Tensor.of(in, inputs[i]), out);
                        Tolerance.assertExact("caller " + caller + " pass " + p + " input " + i, expected[i], out.toArray());
                        checked.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            exec.shutdownNow();
        }
        assertEquals(CALLERS * PASSES, checked.get());
    }

    static float[] random(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }
}
