package io.github.simdconv.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.simdconv.conv.ConvAlgorithm;
import io.github.simdconv.conv.ConvAlgorithms;
import io.github.simdconv.parallel.WorkerPool;
import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.Conv1dSpec;
import io.github.simdconv.spec.ConvSpec;
import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Shapes, small known cases and every validation message of the layer API. */
class LayerApiTest {

    static ConvSpec conv3x3(int c, int k) {
        return ConvSpec.builder().inChannels(c).outChannels(k).kernel(3).padding(1).bias(true).build();
    }

    static void assertMessage(Executable e, String... parts) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String p : parts) {
            assertTrue(ex.getMessage().contains(p), "message \"" + ex.getMessage() + "\" should contain \"" + p + "\"");
        }
    }

    @Test
    void shapeAndTensorValidateAndViewWithoutCopying() {
        assertMessage(() -> Shape.of(0, 1, 1, 1), "batch = 0", ">= 1");
        assertMessage(() -> Shape.of(1 << 16, 1 << 16, 1, 1), "overflows");
        assertMessage(() -> Tensor.of(Shape.of(1, 2, 3, 4), new float[23]), "data.length = 23", "24");
        assertMessage(() -> Tensor.of(Shape.of(1, 1, 1, 1), null), "data is null");
        float[] d = new float[30];
        Tensor t = Tensor.wrap(Shape.of(2, 3, 2, 2), d, 6);
        t.set(1, 2, 1, 0, 5f);
        assertEquals(5f, d[6 + ((1 * 3 + 2) * 2 + 1) * 2]);
        Tensor flat = t.reshape(Shape.vector(2, 12));
        assertSame(d, flat.data());
        assertEquals(5f, flat.get(1, 10, 0, 0));
        Tensor second = t.images(1, 2);
        assertEquals(5f, second.get(0, 2, 1, 0));
        assertMessage(() -> t.reshape(Shape.vector(2, 13)), "sizes 24 and 26");
        assertMessage(() -> t.images(1, 3), "batch = 2");
        assertMessage(() -> t.get(0, 3, 0, 0), "out of bounds");
    }

    @Test
    void everyLayerReportsItsOutputShapeBeforeRunning() {
        Shape in = Shape.of(2, 3, 28, 28);
        assertEquals(Shape.of(2, 8, 28, 28), new Conv2d(conv3x3(3, 8), new float[8 * 27], new float[8]).outputShape(in));
        assertEquals(Shape.of(2, 3, 14, 14), new MaxPool2d(2).outputShape(in));
        assertEquals(Shape.of(2, 3, 14, 14), new AvgPool2d(3, 2, 1).outputShape(in));
        assertEquals(Shape.of(2, 3, 1, 1), new GlobalAvgPool2d().outputShape(in));
        assertEquals(in, new ReLU().outputShape(in));
        assertEquals(Shape.vector(2, 3 * 28 * 28), new Flatten().outputShape(in));
        assertEquals(Shape.vector(2, 5), new Linear(7, 5, new float[35], null).outputShape(Shape.vector(2, 7)));
        Conv1d c1 = new Conv1d(new Conv1dSpec(1, 3, 10, 4, 3, 2, 1, 1, 1, 1, false, Activation.NONE),
                new float[4 * 3 * 3], null);
        assertEquals(Shape.of(2, 4, 1, 50), c1.outputShape(Shape.of(2, 3, 1, 100)));
        Sequential net = new Sequential(new Conv2d(conv3x3(3, 8), new float[8 * 27], new float[8]), new MaxPool2d(2),
                new GlobalAvgPool2d(), new Flatten(), new Linear(8, 2, new float[16], new float[2]));
        assertEquals(Shape.vector(2, 2), net.outputShape(in));
    }

    @Test
    void badInputIsRejectedBeforeAnyWork() {
        Conv2d conv = new Conv2d(conv3x3(3, 8), new float[8 * 27], new float[8]);
        assertMessage(() -> conv.outputShape(Shape.of(1, 4, 8, 8)), "4 channels", "inChannels = 3");
        assertMessage(() -> new Conv2d(conv3x3(3, 8), new float[8 * 27 - 1], new float[8]),
                "weights.length = 215", "8*3*3*3 = 216");
        assertMessage(() -> new Conv2d(conv3x3(3, 8), null, new float[8]), "weights is null");
        assertMessage(() -> new Conv2d(conv3x3(3, 8), new float[216], null), "bias.length = null", "outChannels = 8");
        assertMessage(() -> new Conv2d(conv3x3(3, 8), new float[216], new float[8], AlgorithmChoice.named("nope")),
                "algorithm = nope", "must be one of");
        assertMessage(() -> new Conv2d(null, new float[1], null), "spec is null");
        ConvSpec big = ConvSpec.builder().inChannels(1).outChannels(1).kernel(7).input(7, 7).build();
        assertMessage(() -> new Conv2d(big, new float[49], null).outputShape(Shape.of(1, 1, 5, 5)),
                "input shape [1, 1, 5, 5]", "kernelH = 7");

        Tensor x = Tensor.zeros(Shape.of(1, 3, 8, 8));
        float[] guard = new float[8 * 64];
        java.util.Arrays.fill(guard, 42f);
        assertMessage(() -> conv.forward(x, Tensor.of(Shape.of(1, 8, 8, 7), guard)), "output shape", "[1, 8, 8, 8]");
        assertMessage(() -> conv.forward(null, Tensor.zeros(Shape.of(1, 8, 8, 8))), "input is null");
        assertMessage(() -> conv.forward(x, null), "output is null");
        assertMessage(() -> conv.forward(null), "input is null");
        LayerPlan p = conv.plan(x.shape(), 1);
        assertMessage(() -> p.run(new float[191], 0, guard, 0), "input.length = 191");
        assertMessage(() -> p.run(new float[192], 0, guard, 1), "output.length = 512", "513");
        for (float v : guard) {
            assertEquals(42f, v, "no partial write");
        }

        Linear fc = new Linear(12, 2, new float[24], null);
        assertMessage(() -> fc.outputShape(Shape.of(1, 3, 2, 2)), "inFeatures = 12", "Flatten");
        assertMessage(() -> new Linear(12, 2, new float[23], null), "weights.length = 23", "12 = 24");
        assertMessage(() -> new Linear(12, 2, new float[24], new float[3]), "bias.length = 3");
        assertMessage(() -> new Sequential(), "at least one layer");
        assertMessage(() -> new Sequential(new ReLU(), null), "layers[1] is null");
        assertMessage(() -> new Sequential(new Flatten(), conv).outputShape(Shape.of(1, 3, 8, 8)),
                "Sequential layer 1", "channels");
        assertMessage(() -> new Residual(new MaxPool2d(2), Activation.RELU).outputShape(Shape.of(1, 1, 4, 4)),
                "same shape");
        assertMessage(() -> new MaxPool2d(PoolSpec.builder(PoolKind.AVG).kernel(2).input(2, 2).build(), AlgorithmChoice.AUTO),
                "must be MAX");
        assertMessage(() -> new MaxPool2d(5).outputShape(Shape.of(1, 1, 3, 3)), "MaxPool2d", "kernelH = 5");
        assertMessage(() -> new ReLU().threads(0), "threads = 0");
    }

    @Test
    void anExplicitAlgorithmThatDoesNotSupportTheSpecSaysWhy() {
        List<ConvSpec> specs = List.of(
                ConvSpec.builder().inChannels(3).outChannels(5).input(9, 9).kernel(5).stride(2).build(),
                ConvSpec.builder().inChannels(4).outChannels(4).input(9, 9).kernel(3).groups(2).dilation(2).build(),
                ConvSpec.builder().inChannels(2).outChannels(2).input(9, 9).kernel(1, 4).build());
        int checked = 0;
        for (ConvAlgorithm a : ConvAlgorithms.all()) {
            for (ConvSpec s : specs) {
                var support = a.supports(s);
                if (!support.supported()) {
                    Conv2d c = new Conv2d(s, new float[s.weightSize()], null, AlgorithmChoice.named(a.name()));
                    Shape in = Shape.of(1, s.inChannels(), 9, 9);
                    assertMessage(() -> c.outputShape(in), a.name(), "does not support", support.reason());
                    assertMessage(() -> c.forward(Tensor.zeros(in)), support.reason());
                    // prefer: falls back to AUTO instead
                    new Conv2d(s, new float[s.weightSize()], null, AlgorithmChoice.prefer(a.name())).forward(Tensor.zeros(in));
                    checked++;
                }
            }
        }
        // today only the reference is registered, which supports everything: checked may be 0
        assertTrue(checked >= 0);
    }

    @Test
    void theBuilderNeedsNoInputSize() {
        Conv2d c = Conv2d.builder(2, 4, 5).stride(2).padding(1, 0, 2, 1).dilation(2).bias(true)
                .activation(Activation.RELU).algorithm(AlgorithmChoice.named("reference")).build(new float[4 * 2 * 25], new float[4]);
        ConvSpec s = c.specFor(Shape.of(3, 2, 20, 30));
        assertEquals(ConvSpec.builder().batch(3).inChannels(2).outChannels(4).input(20, 30).kernel(5).stride(2)
                .padding(1, 0, 2, 1).dilation(2).bias(true).activation(Activation.RELU).build(), s);
        assertEquals(Shape.of(1, 4, 1, 1), Conv2d.builder(1, 4, 3).build(new float[36], null).outputShape(Shape.of(1, 1, 3, 3)));
        assertMessage(() -> Conv2d.builder(1, 4, 3).build(new float[36], null).outputShape(Shape.of(1, 1, 2, 3)), "kernelH = 3");
        assertMessage(() -> Conv2d.builder(1, 4, 3).groups(2).build(new float[36], null), "inChannels = 1", "groups = 2");
    }

    @Test
    void nonFiniteWeightsAreAllowedAndPropagate() {
        ConvSpec s = ConvSpec.builder().inChannels(1).outChannels(3).input(4, 4).kernel(1).build();
        float[] w = {Float.NaN, Float.POSITIVE_INFINITY, 1f};
        Conv2d c = new Conv2d(s, w, null);
        float[] x = new float[16];
        java.util.Arrays.fill(x, 2f);
        Tensor y = c.forward(Tensor.of(Shape.of(1, 1, 4, 4), x));
        for (int i = 0; i < 16; i++) {
            assertTrue(Float.isNaN(y.get(0, 0, i / 4, i % 4)));
            assertEquals(Float.POSITIVE_INFINITY, y.get(0, 1, i / 4, i % 4));
            assertEquals(2f, y.get(0, 2, i / 4, i % 4));
        }
        Linear fc = new Linear(2, 1, new float[] {Float.NaN, 1f}, null);
        assertTrue(Float.isNaN(fc.forward(Tensor.of(Shape.vector(1, 2), new float[] {1f, 1f})).get(0, 0, 0, 0)));
    }

    @Test
    void smallKnownCases() {
        // 2x2 input, 1x1 conv doubling, bias 1, ReLU; then flatten and a linear sum
        ConvSpec s = ConvSpec.builder().inChannels(1).outChannels(1).kernel(1).bias(true).activation(Activation.RELU).build();
        Sequential net = new Sequential(new Conv2d(s, new float[] {2f}, new float[] {1f}), new Flatten(),
                new Linear(4, 1, new float[] {1f, 1f, 1f, 1f}, new float[] {0.5f}));
        Tensor y = net.forward(Tensor.of(Shape.of(1, 1, 2, 2), new float[] {-3f, 0f, 1f, 2f}));
        // relu(2x+1) = 0, 1, 3, 5 -> sum 9 + 0.5
        assertArrayEquals(new float[] {9.5f}, y.toArray());
        Tensor g = new GlobalAvgPool2d().forward(Tensor.of(Shape.of(1, 2, 1, 2), new float[] {1f, 3f, -1f, -2f}));
        assertArrayEquals(new float[] {2f, -1.5f}, g.toArray());
        Tensor r = new ReLU().forward(Tensor.of(Shape.vector(1, 3), new float[] {-1f, Float.NaN, 2f}));
        assertEquals(0f, r.toArray()[0]);
        assertTrue(Float.isNaN(r.toArray()[1]));
        Tensor res = new Residual(new ReLU(), Activation.NONE).forward(Tensor.of(Shape.vector(1, 2), new float[] {-1f, 2f}));
        assertArrayEquals(new float[] {-1f, 4f}, res.toArray());
    }

    @Test
    void elementwiseLayersSplitLargeTensorsAcrossThreads() {
        Shape in = Shape.of(1, 3, 1, 3 * Elementwise.CHUNK + 5); // several chunks and a tail
        float[] x = new float[in.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 7) - 3.5f;
        }
        for (int threads : new int[] {1, 2, 3}) {
            float[] r = new ReLU().threads(threads).forward(Tensor.of(in, x)).toArray();
            float[] res = new Residual(new ReLU(), Activation.RELU).threads(threads).forward(Tensor.of(in, x)).toArray();
            for (int i = 0; i < x.length; i++) {
                assertEquals(Math.max(0f, x[i]), r[i], "relu " + i);
                assertEquals(Math.max(0f, Math.max(0f, x[i]) + x[i]), res[i], "residual " + i);
            }
        }
    }

    @Test
    void threadsDefaultToAllCoresAndPlansDescribeTheirAlgorithm() {
        Conv2d c = new Conv2d(conv3x3(2, 2), new float[36], new float[2]);
        assertEquals(WorkerPool.defaultThreads(), c.threads());
        c.threads(1);
        assertEquals(1, c.threads());
        Shape in = Shape.of(1, 2, 5, 5);
        String d = c.describe(in);
        assertTrue(d.startsWith("Conv2d[" + c.algorithmFor(in) + "]"), d);
        assertEquals(io.github.simdconv.conv.AutoChoice.choose(c.specFor(in)).name(), c.algorithmFor(in));
        assertEquals("auto", AlgorithmChoice.parse("AUTO").toString());
        assertEquals(AlgorithmChoice.MEASURE, AlgorithmChoice.parse("measure"));
        assertEquals(AlgorithmChoice.prefer("x"), AlgorithmChoice.parse("prefer:x"));
        assertEquals(AlgorithmChoice.named("reference"), AlgorithmChoice.parse("reference"));
        assertMessage(() -> AlgorithmChoice.named(" "), "algorithm name");
    }

    @Test
    void measuredChoicePicksASupportedCandidateOncePerGeometry() {
        ConvSpec s = conv3x3(8, 8);
        Conv2d a = new Conv2d(s, new float[s.weightSize()], new float[8], AlgorithmChoice.MEASURE);
        Conv2d b = new Conv2d(s, new float[s.weightSize()], new float[8], AlgorithmChoice.MEASURE);
        Shape in = Shape.of(1, 8, 12, 12);
        String first = a.algorithmFor(in);
        assertTrue(ConvAlgorithms.byName(first).supports(a.specFor(in)).supported());
        b.threads(1);
        assertEquals(first, b.algorithmFor(in), "cached per geometry, whatever the thread count");
        MaxPool2d p = new MaxPool2d(PoolSpec.builder(PoolKind.MAX).kernel(2).input(2, 2).build(), AlgorithmChoice.MEASURE);
        assertEquals(Shape.of(1, 8, 6, 6), p.forward(Tensor.zeros(in)).shape());
    }
}
