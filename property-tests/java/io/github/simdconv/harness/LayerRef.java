package io.github.simdconv.harness;

import io.github.simdconv.layer.Conv1d;
import io.github.simdconv.layer.Conv2d;
import io.github.simdconv.layer.Flatten;
import io.github.simdconv.layer.Layer;
import io.github.simdconv.layer.Linear;
import io.github.simdconv.layer.PoolLayer;
import io.github.simdconv.layer.ReLU;
import io.github.simdconv.layer.Residual;
import io.github.simdconv.layer.Sequential;
import io.github.simdconv.layer.Shape;
import io.github.simdconv.layer.TrueConvolution;
import io.github.simdconv.reference.ReferenceConv;
import io.github.simdconv.reference.ReferencePool;
import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.Conv1dSpec;
import io.github.simdconv.spec.ConvSpec;
import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;
import java.util.Arrays;

/**
 * The reference composition of a network of layers, and the rounding bound a fast run of it
 * must meet.
 *
 * <p>{@link #forward} runs every layer with the naive oracles ({@link ReferenceConv},
 * {@link ReferencePool}, double-accumulated loops). {@link #absBound} runs the "absolute"
 * network: every weight and bias replaced by its absolute value, the input by |x|, ReLU by the
 * identity. {@link #errorFactor} composes the per-layer factors {@code f_i}: a layer computing
 * a dot product of length n errs by at most {@code f = gamma(n+1) + u} (times the algorithm's
 * {@link Focus#errorScale}) relative to its absolute network, and an input error of
 * {@code F * A} passes through a layer whose absolute network maps A to A' as at most
 * {@code F * A'} (linear layers by the triangle inequality; ReLU and max pooling are
 * 1-Lipschitz elementwise), so the composition errs by at most
 * {@code (prod (1 + f_i) - 1) * absBound}. Both the fast run and the reference round per layer;
 * {@code f_i} covers both (its {@code + u} is the reference's rounding).
 */
public final class LayerRef {
    private LayerRef() {}

    /**
     * @param layer a network made of this package's layers
     * @param in the input shape
     * @param x the input
     * @return the reference output
     */
    public static float[] forward(Layer layer, Shape in, float[] x) {
        if (layer instanceof Sequential s) {
            Shape shape = in;
            float[] v = x;
            for (Layer l : s.layers()) {
                v = forward(l, shape, v);
                shape = l.outputShape(shape);
            }
            return v;
        }
        if (layer instanceof Conv2d c) {
            return ReferenceConv.conv2d(c.specFor(in), x, c.weights(), c.bias());
        }
        if (layer instanceof Conv1d c) {
            return ReferenceConv.conv1d(conv1dSpec(c, in), x, c.weights(), c.bias());
        }
        if (layer instanceof TrueConvolution t) {
            return trueConv(t, in, x, t.kernel());
        }
        if (layer instanceof PoolLayer p) {
            return ReferencePool.pool(p.specFor(in), x);
        }
        if (layer instanceof ReLU) {
            float[] r = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                r[i] = Activation.RELU.apply(x[i]);
            }
            return r;
        }
        if (layer instanceof Flatten) {
            return x.clone();
        }
        if (layer instanceof Linear l) {
            float[] y = linear(l, in, x, l.weights(), l.bias());
            for (int i = 0; i < y.length; i++) {
                y[i] = l.activation().apply(y[i]);
            }
            return y;
        }
        if (layer instanceof Residual r) {
            float[] b = forward(r.body(), in, x);
            float[] out = new float[x.length];
            boolean relu = r.activation() == Activation.RELU;
            for (int i = 0; i < x.length; i++) {
                float v = (float) ((double) b[i] + x[i]);
                out[i] = relu ? Activation.RELU.apply(v) : v;
            }
            return out;
        }
        throw new IllegalArgumentException("no reference for " + layer);
    }

    /**
     * @param layer the network
     * @param in the input shape
     * @param x the input (absolute values are taken)
     * @return the absolute network's output, the scale of every output's rounding error
     */
    public static float[] absBound(Layer layer, Shape in, float[] x) {
        float[] a = abs(x);
        if (layer instanceof Sequential s) {
            Shape shape = in;
            for (Layer l : s.layers()) {
                a = absBound(l, shape, a);
                shape = l.outputShape(shape);
            }
            return a;
        }
        if (layer instanceof Conv2d c) {
            return ConvCheck.absSum(c.specFor(in), a, c.weights(), c.bias());
        }
        if (layer instanceof Conv1d c) {
            Conv1dSpec s = conv1dSpec(c, in);
            Conv1dSpec plain = new Conv1dSpec(s.batch(), s.inChannels(), s.length(), s.outChannels(), s.kernel(),
                    s.stride(), s.padLeft(), s.padRight(), s.dilation(), s.groups(), s.hasBias(), Activation.NONE);
            return ReferenceConv.conv1d(plain, a, abs(c.weights()), c.bias() == null ? null : abs(c.bias()));
        }
        if (layer instanceof TrueConvolution t) {
            return trueConv(t, in, a, abs(t.kernel()));
        }
        if (layer instanceof PoolLayer p) {
            return ReferencePool.pool(p.specFor(in), a);
        }
        if (layer instanceof ReLU || layer instanceof Flatten) {
            return a;
        }
        if (layer instanceof Linear l) {
            return linear(l, in, a, abs(l.weights()), l.bias() == null ? null : abs(l.bias()));
        }
        if (layer instanceof Residual r) {
            float[] b = absBound(r.body(), in, a);
            float[] out = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = (float) ((double) b[i] + a[i]);
            }
            return out;
        }
        throw new IllegalArgumentException("no reference for " + layer);
    }

    /**
     * @param layer the network
     * @param in the input shape
     * @return the factor F with {@code |fast - reference| <= F * absBound} elementwise
     */
    public static double errorFactor(Layer layer, Shape in) {
        if (layer instanceof Sequential s) {
            double f = 0;
            Shape shape = in;
            for (Layer l : s.layers()) {
                double fi = errorFactor(l, shape);
                f = (1 + f) * (1 + fi) - 1;
                shape = l.outputShape(shape);
            }
            return f;
        }
        double u = Tolerance.U;
        // the absolute network is itself rounded to float once per layer: 2u of slack per layer
        double slack = 2 * u;
        if (layer instanceof Conv2d c) {
            ConvSpec s = c.specFor(in);
            return convFactor(c.algorithmFor(in), s) + slack;
        }
        if (layer instanceof Conv1d c) {
            ConvSpec s = conv1dSpec(c, in).toConv2d();
            return convFactor(c.algorithmFor(in), s) + slack;
        }
        if (layer instanceof TrueConvolution t) {
            ConvSpec s = ConvSpec.builder().batch(in.batch()).input(in.height(), in.width())
                    .kernel(t.kernelH(), t.kernelW()).padding(
                            t.mode().padBefore(t.kernelH()), t.mode().padAfter(t.kernelH()),
                            t.mode().padBefore(t.kernelW()), t.mode().padAfter(t.kernelW())).build();
            return convFactor(t.algorithmFor(in), s) + slack;
        }
        if (layer instanceof PoolLayer p) {
            PoolSpec s = p.specFor(in);
            return s.kind() == PoolKind.MAX ? slack
                    : Tolerance.dotFactor(s.kernelH() * s.kernelW()) + 2 * u + slack;
        }
        if (layer instanceof ReLU || layer instanceof Flatten) {
            return 0;
        }
        if (layer instanceof Linear l) {
            return Tolerance.dotFactor(l.inFeatures() + 1) + slack;
        }
        if (layer instanceof Residual r) {
            double fb = errorFactor(r.body(), in);
            return (1 + fb) * (1 + u) - 1 + slack;
        }
        throw new IllegalArgumentException("no reference for " + layer);
    }

    private static double convFactor(String algorithm, ConvSpec s) {
        double scale = Focus.errorScale(algorithm, new ConvCase(s, DataKind.REAL, 0, 1));
        return Tolerance.dotFactor(s.accumulationLength() + 1) * scale;
    }

    /**
     * Checks a fast network output against the reference composition within the derived bound.
     *
     * @param what description for failures
     * @param layer the network
     * @param in the input shape
     * @param x the input
     * @param actual the fast output
     */
    public static void assertMatches(String what, Layer layer, Shape in, float[] x, float[] actual) {
        float[] expected = forward(layer, in, x);
        Tolerance.assertWithin(what, expected, actual, absBound(layer, in, x), errorFactor(layer, in));
    }

    private static Conv1dSpec conv1dSpec(Conv1d c, Shape in) {
        Conv1dSpec t = c.template();
        return new Conv1dSpec(in.batch(), t.inChannels(), in.width(), t.outChannels(), t.kernel(), t.stride(),
                t.padLeft(), t.padRight(), t.dilation(), t.groups(), t.hasBias(), t.activation());
    }

    private static float[] trueConv(TrueConvolution t, Shape in, float[] x, float[] kernel) {
        int img = in.imageSize();
        float[] out = null;
        int outSize = 0;
        for (int n = 0; n < in.batch(); n++) {
            float[] xn = Arrays.copyOfRange(x, n * img, (n + 1) * img);
            float[] r = t.isOneD() ? ReferenceConv.convolve1d(xn, kernel, t.mode())
                    : ReferenceConv.convolve2d(xn, in.height(), in.width(), kernel, t.kernelH(), t.kernelW(), t.mode());
            if (out == null) {
                outSize = r.length;
                out = new float[in.batch() * outSize];
            }
            System.arraycopy(r, 0, out, n * outSize, outSize);
        }
        return out;
    }

    private static float[] linear(Linear l, Shape in, float[] x, float[] w, float[] b) {
        int f = l.inFeatures();
        int o = l.outFeatures();
        float[] out = new float[in.batch() * o];
        for (int n = 0; n < in.batch(); n++) {
            for (int k = 0; k < o; k++) {
                double acc = b == null ? 0 : b[k];
                for (int i = 0; i < f; i++) {
                    acc += (double) x[n * f + i] * w[k * f + i];
                }
                out[n * o + k] = (float) acc;
            }
        }
        return out;
    }

    private static float[] abs(float[] a) {
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = Math.abs(a[i]);
        }
        return r;
    }
}
