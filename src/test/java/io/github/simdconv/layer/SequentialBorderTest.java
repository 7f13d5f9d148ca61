package io.github.simdconv.layer;

import static io.github.simdconv.layer.LayerApiTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.simdconv.conv.Border;
import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.ConvSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Bordered links: consecutive {@code direct} convolutions keep the tensor between them in the
 * reader's zero-bordered layout. The output must equal the plain-NCHW chain bit for bit.
 */
class SequentialBorderTest {
    private static float[] random(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }

    // direct -> direct (asymmetric padding, stride 2) -> direct 1x1 (pointwise: reads and writes
    // plain NCHW) -> direct (dilated) -> direct
    private static Sequential net(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ConvSpec a = ConvSpec.builder().inChannels(5).outChannels(19).kernel(3).padding(1).input(1, 1)
                .bias(true).activation(Activation.RELU).build();
        ConvSpec b = ConvSpec.builder().inChannels(19).outChannels(17).kernel(3).stride(2).padding(2, 0, 1, 3)
                .input(1, 1).build();
        ConvSpec c = ConvSpec.builder().inChannels(17).outChannels(33).kernel(1).input(1, 1).bias(true).build();
        ConvSpec d = ConvSpec.builder().inChannels(33).outChannels(3).kernel(5).dilation(2).padding(4)
                .input(1, 1).build();
        ConvSpec e = ConvSpec.builder().inChannels(3).outChannels(4).kernel(3).padding(1).input(1, 1).build();
        AlgorithmChoice direct = AlgorithmChoice.named("direct");
        return new Sequential(
                new Conv2d(a, random(r, a.weightSize()), random(r, 19), direct),
                new Conv2d(b, random(r, b.weightSize()), null, direct),
                new Conv2d(c, random(r, c.weightSize()), random(r, 33), direct),
                new Conv2d(d, random(r, d.weightSize()), null, direct),
                new Conv2d(e, random(r, e.weightSize()), null, direct));
    }

    private static float[] forward(Sequential net, Shape in, float[] x, int threads) {
        net.threads(threads);
        Tensor out = Tensor.zeros(net.outputShape(in));
        net.forward(Tensor.of(in, x), out);
        return out.toArray();
    }

    @Test
    void borderedLinksGiveThePlainChainsOutputBitwise() {
        Shape in = Shape.of(2, 5, 13, 11);
        float[] x = random(new SplittableRandom(3), in.size());
        String off;
        float[] plain;
        String old = System.getProperty(Sequential.BORDERS_PROPERTY);
        System.setProperty(Sequential.BORDERS_PROPERTY, "false");
        try {
            Sequential n = net(7);
            plain = forward(n, in, x, 2);
            off = n.describe(in);
        } finally {
            if (old == null) {
                System.clearProperty(Sequential.BORDERS_PROPERTY);
            } else {
                System.setProperty(Sequential.BORDERS_PROPERTY, old);
            }
        }
        Sequential n = net(7);
        String on = n.describe(in);
        assertFalse(off.contains("bordered"), off);
        // a -> b and d -> e are bordered; b -> c and c -> d are not (the pointwise path is plain NCHW)
        assertEquals(2, on.split("bordered input", -1).length - 1, on);
        for (int threads : new int[] {1, 2, 3}) {
            float[] got = forward(n, in, x, threads);
            for (int i = 0; i < plain.length; i++) {
                assertEquals(Float.floatToRawIntBits(plain[i]), Float.floatToRawIntBits(got[i]),
                        "output " + i + " with " + threads + " threads: bordered " + got[i] + ", plain " + plain[i]);
            }
        }
    }

    @Test
    void planExposesItsEndsBorders() {
        Shape in = Shape.of(1, 5, 9, 9);
        LayerPlan p = net(1).plan(in, 1);
        Border first = p.inputBorder();
        assertEquals(new Border(1, 1, 1, 1, first.tail()), first);
        assertTrue(p.writesBorder());
        // a bordered input gives the plain output; a wrong border is rejected before work
        float[] x = random(new SplittableRandom(5), in.size());
        float[] plain = new float[p.outputShape().size()];
        p.run(x, 0, plain, 0);
        float[] bx = new float[(int) first.size(5, 9, 9)];
        for (int q = 0; q < 5; q++) {
            for (int y = 0; y < 9; y++) {
                System.arraycopy(x, (q * 9 + y) * 9, bx, q * first.planeStride(9, 9) + first.origin(9, 9)
                        + y * first.rowStride(9), 9);
            }
        }
        float[] out = new float[plain.length];
        p.run(bx, 0, first, out, 0, Border.NONE);
        for (int i = 0; i < plain.length; i++) {
            assertEquals(Float.floatToRawIntBits(plain[i]), Float.floatToRawIntBits(out[i]), "output " + i);
        }
        assertMessage(() -> p.run(bx, 0, new Border(2, 1, 1, 1, first.tail()), out, 0, Border.NONE), "inBorder");
        assertMessage(() -> p.run(bx, 0, null, out, 0, Border.NONE), "inBorder is null");
        assertMessage(() -> p.run(x, 0, first, out, 0, Border.NONE), "input.length");
        LayerPlan relu = new ReLU().plan(in, 1);
        assertMessage(() -> relu.run(x, 0, Border.NONE, new float[in.size()], 0, new Border(1, 1, 1, 1, 0)),
                "plain NCHW only");
        assertMessage(() -> new Border(0, -1, 0, 0, 0), "border bottom = -1", ">= 0");
    }
}
