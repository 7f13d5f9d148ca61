package io.github.simdconv;

import io.github.simdconv.harness.ConvCase;
import io.github.simdconv.harness.ConvGen;
import io.github.simdconv.harness.DataKind;
import io.github.simdconv.harness.Focus;
import io.github.simdconv.harness.LayerRef;
import io.github.simdconv.harness.PoolGen;
import io.github.simdconv.harness.Props;
import io.github.simdconv.harness.Tolerance;
import io.github.simdconv.layer.AlgorithmChoice;
import io.github.simdconv.layer.AvgPool2d;
import io.github.simdconv.layer.Conv1d;
import io.github.simdconv.layer.Conv2d;
import io.github.simdconv.layer.Flatten;
import io.github.simdconv.layer.GlobalAvgPool2d;
import io.github.simdconv.layer.Layer;
import io.github.simdconv.layer.Linear;
import io.github.simdconv.layer.MaxPool2d;
import io.github.simdconv.layer.ReLU;
import io.github.simdconv.layer.Residual;
import io.github.simdconv.layer.Sequential;
import io.github.simdconv.layer.Shape;
import io.github.simdconv.layer.Tensor;
import io.github.simdconv.layer.TrueConvolution;
import io.github.simdconv.reference.ReferenceConv;
import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.Conv1dSpec;
import io.github.simdconv.spec.ConvMode;
import io.github.simdconv.spec.ConvSpec;
import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * The layers against the reference composition ({@link LayerRef}): every layer alone on the
 * generated geometries of the algorithm harness, the true convolution against
 * {@code ReferenceConv.convolve1d/2d}, and random small networks; a {@link Sequential} equals its
 * layers called one by one, and no output depends on the thread count (bitwise).
 */
class LayerProperties {

    private static int between(RandomnessSource in, int lo, int hi) {
        return (int) in.next(Constraint.between(lo, hi));
    }

    /** Runs a layer on input data placed at an offset, into an output at an offset. */
    private static float[] run(Layer layer, Shape in, float[] x) {
        float[] padded = new float[x.length + 3];
        System.arraycopy(x, 0, padded, 3, x.length);
        Shape outShape = layer.outputShape(in);
        float[] out = new float[outShape.size() + 5];
        layer.forward(Tensor.wrap(in, padded, 3), Tensor.wrap(outShape, out, 2));
        return java.util.Arrays.copyOfRange(out, 2, 2 + outShape.size());
    }

    @Test
    void conv2dLayerMatchesTheReference() {
        Props.check("Conv2d layer (AUTO) == reference", 1.0, ConvGen.general().cases(), c -> checkConv(c, AlgorithmChoice.AUTO));
    }

    @Test
    void conv2dLayerMeasuredMatchesTheReference() {
        Props.check("Conv2d layer (MEASURE) == reference", 0.3, ConvGen.general().cases(), c -> checkConv(c, AlgorithmChoice.MEASURE));
    }

    private static void checkConv(ConvCase c, AlgorithmChoice choice) {
        ConvSpec s = c.spec();
        float[] x = c.data().fill(s.inputSize(), c.dataSeed());
        float[] w = c.data().fill(s.weightSize(), c.dataSeed() * 31 + 1);
        float[] b = s.hasBias() ? c.data().fill(s.outChannels(), c.dataSeed() * 31 + 2) : null;
        // the template's batch and size are deliberately different from the input's
        ConvSpec template = s.toBuilder().batch(1).input(s.inHeight() + s.kernelH() * s.dilationH(),
                s.inWidth() + s.kernelW() * s.dilationW()).build();
        Conv2d layer = new Conv2d(template, w, b, choice);
        layer.threads(c.threads());
        Shape in = Shape.of(s.batch(), s.inChannels(), s.inHeight(), s.inWidth());
        float[] actual = run(layer, in, x);
        String alg = layer.algorithmFor(in);
        if (c.data() == DataKind.SMALL_INT && Focus.exactOnIntegers(alg)) {
            Tolerance.assertExact("Conv2d[" + alg + "] " + c, ReferenceConv.conv2d(s, x, w, b), actual);
        } else {
            LayerRef.assertMatches("Conv2d[" + alg + "] " + c, layer, in, x, actual);
        }
    }

    @Test
    void conv1dLayerMatchesTheReference() {
        Props.check("Conv1d layer == reference conv1d", 1.0, ConvGen.general().cases(), c -> {
            ConvSpec s2 = c.spec();
            Conv1dSpec s = new Conv1dSpec(s2.batch(), s2.inChannels(), s2.inWidth(), s2.outChannels(),
                    s2.kernelW(), s2.strideW(), s2.padLeft(), s2.padRight(), s2.dilationW(), s2.groups(),
                    s2.hasBias(), s2.activation());
            ConvSpec as2d = s.toConv2d();
            float[] x = c.data().fill(as2d.inputSize(), c.dataSeed());
            float[] w = c.data().fill(as2d.weightSize(), c.dataSeed() + 1);
            float[] b = s.hasBias() ? c.data().fill(s.outChannels(), c.dataSeed() + 2) : null;
            Conv1d layer = new Conv1d(s, w, b);
            layer.threads(c.threads());
            Shape in = Shape.of(s.batch(), s.inChannels(), 1, s.length());
            float[] actual = run(layer, in, x);
            String alg = layer.algorithmFor(in);
            if (c.data() == DataKind.SMALL_INT && Focus.exactOnIntegers(alg)) {
                Tolerance.assertExact("Conv1d[" + alg + "] " + c, ReferenceConv.conv1d(s, x, w, b), actual);
            } else {
                LayerRef.assertMatches("Conv1d[" + alg + "] " + c, layer, in, x, actual);
            }
        });
    }

    /** A true-convolution problem: sizes, mode, data. */
    record TrueCase(boolean oneD, int xh, int xw, int kh, int kw, ConvMode mode, DataKind data, long seed, int batch) {
    }

    private static Gen<TrueCase> trueCases() {
        Gen<TrueCase> g = in -> {
            boolean oneD = between(in, 0, 1) == 0;
            int xh = oneD ? 1 : between(in, 1, 12);
            int xw = between(in, 1, oneD ? 40 : 12);
            int kh = oneD ? 1 : between(in, 1, 7);
            int kw = between(in, 1, oneD ? 12 : 7);
            ConvMode mode = ConvMode.values()[between(in, 0, 2)];
            return new TrueCase(oneD, xh, xw, kh, kw, mode, between(in, 0, 1) == 0 ? DataKind.SMALL_INT : DataKind.REAL,
                    in.next(Constraint.between(0, Integer.MAX_VALUE)), between(in, 1, 2));
        };
        return g.describedAs(TrueCase::toString);
    }

    @Test
    void trueConvolutionMatchesNumpyAndScipyReferences() {
        Props.check("true convolution == ReferenceConv.convolve1d/2d", 2.0, trueCases(), c -> {
            float[] x = c.data().fill(c.xh() * c.xw(), c.seed());
            float[] k = c.data().fill(c.kh() * c.kw(), c.seed() + 1);
            boolean validShapes = c.mode() != ConvMode.VALID
                    || (c.xh() >= c.kh() && c.xw() >= c.kw()) || (c.kh() >= c.xh() && c.kw() >= c.xw());
            if (!validShapes) {
                return; // rejected by both: checked in the unit test
            }
            // the one-shot functions: numpy/scipy semantics, swap included
            float[] expected = c.oneD() ? ReferenceConv.convolve1d(x, k, c.mode())
                    : ReferenceConv.convolve2d(x, c.xh(), c.xw(), k, c.kh(), c.kw(), c.mode());
            float[] actual = c.oneD() ? TrueConvolution.convolve1d(x, k, c.mode())
                    : TrueConvolution.convolve2d(x, c.xh(), c.xw(), k, c.kh(), c.kw(), c.mode());
            float[] absSum = c.oneD() ? ReferenceConv.convolve1d(abs(x), abs(k), c.mode())
                    : ReferenceConv.convolve2d(abs(x), c.xh(), c.xw(), abs(k), c.kh(), c.kw(), c.mode());
            // the accumulation length is the smaller operand's size; the algorithm is single-channel
            // (never Winograd under AUTO), a plain dot product
            int n = Math.min(c.xh() * c.xw(), c.kh() * c.kw());
            if (c.data() == DataKind.SMALL_INT) {
                Tolerance.assertExact("one-shot " + c, expected, actual);
            } else {
                Tolerance.assertWithin("one-shot " + c, expected, actual, absSum, Tolerance.dotFactor(n + 1));
            }
            // the layer, where it accepts the shapes: a batch of images, one kernel
            TrueConvolution layer = c.oneD() ? TrueConvolution.of1d(k, c.mode()) : TrueConvolution.of2d(k, c.kh(), c.kw(), c.mode());
            Shape in = Shape.of(c.batch(), 1, c.xh(), c.xw());
            boolean accepted = c.mode() == ConvMode.FULL || (c.oneD() ? c.xw() >= c.kw()
                    : c.mode() == ConvMode.SAME || (c.xh() >= c.kh() && c.xw() >= c.kw()));
            if (!accepted) {
                try {
                    layer.outputShape(in);
                    throw new AssertionError("layer accepted " + c + " although numpy/scipy would swap");
                } catch (IllegalArgumentException expectedRejection) {
                    return;
                }
            }
            float[] xs = c.data().fill(in.size(), c.seed() + 2);
            float[] y = run(layer, in, xs);
            if (c.data() == DataKind.SMALL_INT && Focus.exactOnIntegers(layer.algorithmFor(in))) {
                Tolerance.assertExact("layer " + c, LayerRef.forward(layer, in, xs), y);
            } else {
                LayerRef.assertMatches("layer " + c, layer, in, xs, y);
            }
        });
    }

    @Test
    void poolingLayersMatchTheReference() {
        Props.check("pooling layers == reference", 1.0, PoolGen.general().cases(), c -> {
            PoolSpec s = c.spec();
            float[] x = c.data().fill(s.inputSize(), c.dataSeed());
            Shape in = Shape.of(s.batch(), s.channels(), s.inHeight(), s.inWidth());
            // the template's batch, channels and size differ from the input's
            PoolSpec template = s.toBuilder().batch(3).channels(1).input(s.inHeight() + 1, s.inWidth() + 2).build();
            Layer layer = s.kind() == PoolKind.MAX ? new MaxPool2d(template, AlgorithmChoice.AUTO)
                    : new AvgPool2d(template, AlgorithmChoice.AUTO);
            layer.threads(c.threads());
            LayerRef.assertMatches(layer + " " + c, layer, in, x, run(layer, in, x));
            Layer global = new GlobalAvgPool2d().threads(c.threads());
            LayerRef.assertMatches("global " + c, global, in, x, run(global, in, x));
        });
    }

    /** A random small network and its input. */
    record NetCase(Sequential net, Shape in, float[] x, String description) {
        @Override
        public String toString() {
            return description + " on " + in;
        }
    }

    private static float[] fill(SplittableRandom r, int n, boolean ints) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = ints ? r.nextInt(5) - 2 : (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }

    private static Gen<NetCase> networks() {
        Gen<NetCase> g = in -> {
            SplittableRandom r = new SplittableRandom(in.next(Constraint.between(0, Integer.MAX_VALUE)));
            boolean ints = between(in, 0, 3) == 0;
            int n = between(in, 1, 2);
            int c = between(in, 1, 9);
            int h = between(in, 5, 14);
            int w = between(in, 5, 14);
            Shape shape = Shape.of(n, c, h, w);
            List<Layer> layers = new ArrayList<>();
            int k = new int[] {1, 3, 5}[between(in, 0, 2)];
            int pad = between(in, 0, k / 2);
            int stride = between(in, 1, 2);
            int outC = between(in, 1, 17);
            boolean bias = between(in, 0, 1) == 1;
            Activation act = between(in, 0, 1) == 1 ? Activation.RELU : Activation.NONE;
            ConvSpec s1 = ConvSpec.builder().inChannels(c).outChannels(outC).kernel(k).stride(stride).padding(pad)
                    .input(h, w).bias(bias).activation(act).build();
            layers.add(new Conv2d(s1, fill(r, s1.weightSize(), ints), bias ? fill(r, outC, ints) : null));
            if (act == Activation.NONE && between(in, 0, 1) == 1) {
                layers.add(new ReLU());
            }
            Shape cur = layers.get(0).outputShape(shape);
            if (cur.height() >= 2 && cur.width() >= 2 && between(in, 0, 1) == 1) {
                layers.add(between(in, 0, 1) == 0 ? new MaxPool2d(2) : new AvgPool2d(3, 2, 1));
                cur = layers.get(layers.size() - 1).outputShape(cur);
            }
            if (between(in, 0, 1) == 1) {
                // direct on both: the inner Sequential keeps the intermediate tensor in direct's
                // zero-bordered input layout (a bordered link) instead of plain NCHW
                AlgorithmChoice choice = between(in, 0, 1) == 1 ? AlgorithmChoice.named("direct") : AlgorithmChoice.AUTO;
                ConvSpec s2 = ConvSpec.builder().inChannels(outC).outChannels(outC).kernel(3).padding(1)
                        .input(3, 3).bias(true).activation(Activation.RELU).build();
                ConvSpec s3 = s2.toBuilder().activation(Activation.NONE).build();
                layers.add(new Residual(new Sequential(
                        new Conv2d(s2, fill(r, s2.weightSize(), ints), fill(r, outC, ints), choice),
                        new Conv2d(s3, fill(r, s3.weightSize(), ints), fill(r, outC, ints), choice)), Activation.RELU));
            }
            int features;
            if (between(in, 0, 1) == 1) {
                layers.add(new GlobalAvgPool2d());
                features = outC;
            } else {
                features = cur.imageSize();
            }
            layers.add(new Flatten());
            int outF = between(in, 1, 13);
            Activation fcAct = between(in, 0, 1) == 1 ? Activation.RELU : Activation.NONE;
            layers.add(new Linear(features, outF, fill(r, features * outF, ints), between(in, 0, 1) == 1 ? fill(r, outF, ints) : null, fcAct));
            Sequential net = new Sequential(layers);
            return new NetCase(net, shape, fill(r, shape.size(), ints), net.toString());
        };
        return g.describedAs(NetCase::toString);
    }

    @Test
    void randomNetworksMatchTheReferenceComposition() {
        Props.check("network == reference composition", 1.0, networks(), c -> {
            c.net().threads(2);
            LayerRef.assertMatches(c.toString(), c.net(), c.in(), c.x(), run(c.net(), c.in(), c.x()));
        });
    }

    @Test
    void sequentialEqualsItsLayersOneByOne() {
        Props.check("Sequential == layers one by one", 1.0, networks(), c -> {
            int threads = 2;
            c.net().threads(threads);
            float[] whole = run(c.net(), c.in(), c.x());
            Tensor t = Tensor.of(c.in(), c.x());
            for (Layer l : c.net().layers()) {
                l.threads(threads);
                t = l.forward(t);
            }
            Tolerance.assertExact(c.toString(), t.toArray(), whole);
        });
    }

    @Test
    void outputsDoNotDependOnTheThreadCount() {
        Props.check("threads 1 == 2 == 3, bitwise", 1.0, networks(), c -> {
            c.net().threads(1);
            float[] one = run(c.net(), c.in(), c.x());
            for (int threads : new int[] {2, 3}) {
                c.net().threads(threads);
                float[] more = run(c.net(), c.in(), c.x());
                for (int i = 0; i < one.length; i++) {
                    if (Float.floatToRawIntBits(one[i]) != Float.floatToRawIntBits(more[i])) {
                        throw new AssertionError(c + ": output " + i + " is " + more[i] + " on " + threads
                                + " threads, " + one[i] + " on 1");
                    }
                }
            }
        });
    }

    private static float[] abs(float[] a) {
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = Math.abs(a[i]);
        }
        return r;
    }
}
