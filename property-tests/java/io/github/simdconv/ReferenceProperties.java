package io.github.simdconv;

import io.github.simdconv.harness.ConvGen;
import io.github.simdconv.harness.DataKind;
import io.github.simdconv.harness.PoolData;
import io.github.simdconv.harness.PoolGen;
import io.github.simdconv.harness.Props;
import io.github.simdconv.harness.Tolerance;
import io.github.simdconv.reference.ReferenceConv;
import io.github.simdconv.reference.ReferencePool;
import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.Conv1dSpec;
import io.github.simdconv.spec.ConvMode;
import io.github.simdconv.spec.ConvSpec;
import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;
import java.util.Arrays;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Properties of the reference itself, checked against independent formulations: the 1D conv is
 * the 2D conv with height 1; the true convolution is the cross-correlation with the flipped
 * kernel and the mode's padding; conv is linear; padding behaves as explicit zeros (conv,
 * average with count_include_pad) or as -inf (max).
 */
class ReferenceProperties {

    @org.junit.jupiter.api.Test
    void conv1dIsConv2dWithHeightOne() {
        Props.check("conv1d == conv2d(h=1)", 1.0, ConvGen.general().specs(), s2 -> {
            Conv1dSpec s = new Conv1dSpec(s2.batch(), s2.inChannels(), s2.inWidth(), s2.outChannels(),
                    s2.kernelW(), s2.strideW(), s2.padLeft(), s2.padRight(), s2.dilationW(), s2.groups(),
                    s2.hasBias(), s2.activation());
            ConvSpec as2d = s.toConv2d();
            float[] x = DataKind.REAL.fill(as2d.inputSize(), 1);
            float[] w = DataKind.REAL.fill(as2d.weightSize(), 2);
            float[] b = s.hasBias() ? DataKind.REAL.fill(s.outChannels(), 3) : null;
            Tolerance.assertExact(s.toString(), ReferenceConv.conv2d(as2d, x, w, b), ReferenceConv.conv1d(s, x, w, b));
        });
    }

    @org.junit.jupiter.api.Test
    void convolve1dIsCrossCorrelationWithTheFlippedKernel() {
        Gen<int[]> g = in -> new int[] {(int) in.next(Constraint.between(1, 40)), (int) in.next(Constraint.between(1, 12)),
                (int) in.next(Constraint.between(0, 2)), (int) in.next(Constraint.between(0, 1000))};
        Props.check("convolve1d == xcorr(flip)", 2.0, g, p -> {
            int n = p[0];
            int m = Math.min(p[1], n); // the cross-correlation form needs the kernel no longer than the signal
            ConvMode mode = ConvMode.values()[p[2]];
            float[] x = DataKind.SMALL_INT.fill(n, p[3]);
            float[] w = DataKind.SMALL_INT.fill(m, p[3] + 7);
            float[] flipped = new float[m];
            for (int i = 0; i < m; i++) {
                flipped[i] = w[m - 1 - i];
            }
            Conv1dSpec s = new Conv1dSpec(1, 1, n, 1, m, 1, mode.padBefore(m), mode.padAfter(m), 1, 1, false, Activation.NONE);
            Tolerance.assertExact(mode + " n=" + n + " m=" + m, ReferenceConv.convolve1d(x, w, mode),
                    ReferenceConv.conv1d(s, x, flipped, null));
        });
    }

    @org.junit.jupiter.api.Test
    void convolve2dIsCrossCorrelationWithTheFlippedKernel() {
        Gen<int[]> g = in -> new int[] {(int) in.next(Constraint.between(1, 12)), (int) in.next(Constraint.between(1, 12)),
                (int) in.next(Constraint.between(1, 6)), (int) in.next(Constraint.between(1, 6)),
                (int) in.next(Constraint.between(0, 2)), (int) in.next(Constraint.between(0, 1000))};
        Props.check("convolve2d == xcorr(flip)", 2.0, g, p -> {
            int xh = p[0];
            int xw = p[1];
            int kh = Math.min(p[2], xh);
            int kw = Math.min(p[3], xw);
            ConvMode mode = ConvMode.values()[p[4]];
            float[] x = DataKind.SMALL_INT.fill(xh * xw, p[5]);
            float[] k = DataKind.SMALL_INT.fill(kh * kw, p[5] + 3);
            float[] flipped = new float[k.length];
            for (int i = 0; i < k.length; i++) {
                flipped[i] = k[k.length - 1 - i]; // reversing row-major order flips both axes
            }
            ConvSpec s = ConvSpec.builder().input(xh, xw).kernel(kh, kw)
                    .padding(mode.padBefore(kh), mode.padAfter(kh), mode.padBefore(kw), mode.padAfter(kw)).build();
            Tolerance.assertExact(mode + " " + xh + "x" + xw + " * " + kh + "x" + kw,
                    ReferenceConv.convolve2d(x, xh, xw, k, kh, kw, mode), ReferenceConv.conv2d(s, x, flipped, null));
        });
    }

    @org.junit.jupiter.api.Test
    void convIsLinearInItsInput() {
        Props.check("conv(2x + y) == 2 conv(x) + conv(y)", 1.0, ConvGen.general().specs(), s0 -> {
            ConvSpec s = s0.toBuilder().bias(false).activation(Activation.NONE).build();
            float[] x = DataKind.SMALL_INT.fill(s.inputSize(), 11);
            float[] y = DataKind.SMALL_INT.fill(s.inputSize(), 12);
            float[] w = DataKind.SMALL_INT.fill(s.weightSize(), 13);
            float[] z = new float[x.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = 2 * x[i] + y[i];
            }
            float[] cx = ReferenceConv.conv2d(s, x, w, null);
            float[] cy = ReferenceConv.conv2d(s, y, w, null);
            for (int i = 0; i < cx.length; i++) {
                cx[i] = 2 * cx[i] + cy[i];
            }
            Tolerance.assertExact(s.toString(), cx, ReferenceConv.conv2d(s, z, w, null));
        });
    }

    @org.junit.jupiter.api.Test
    void convPaddingIsExplicitZeros() {
        Props.check("conv with padding == conv of zero-padded input", 1.0, ConvGen.general().maxBatch(1).specs(), s -> {
            int h = s.inHeight() + s.padTop() + s.padBottom();
            int w = s.inWidth() + s.padLeft() + s.padRight();
            ConvSpec unpadded = s.toBuilder().input(h, w).padding(0).build();
            float[] x = DataKind.SMALL_INT.fill(s.inputSize(), 5);
            float[] wt = DataKind.SMALL_INT.fill(s.weightSize(), 6);
            float[] b = s.hasBias() ? DataKind.SMALL_INT.fill(s.outChannels(), 7) : null;
            float[] padded = new float[s.inChannels() * h * w];
            for (int c = 0; c < s.inChannels(); c++) {
                for (int y = 0; y < s.inHeight(); y++) {
                    System.arraycopy(x, (c * s.inHeight() + y) * s.inWidth(), padded,
                            (c * h + y + s.padTop()) * w + s.padLeft(), s.inWidth());
                }
            }
            Tolerance.assertExact(s.toString(), ReferenceConv.conv2d(s, x, wt, b), ReferenceConv.conv2d(unpadded, padded, wt, b));
        });
    }

    @org.junit.jupiter.api.Test
    void poolPaddingIsMinusInfinityForMaxAndZeroForAvgWithCountIncludePad() {
        Props.check("pool with padding == pool of explicitly padded input", 1.0,
                PoolGen.general().globalPercent(0).specs(), s0 -> {
                    PoolSpec s = s0.kind() == PoolKind.AVG ? s0.toBuilder().countIncludePad(true).ceilMode(false).build()
                            : s0.toBuilder().ceilMode(false).build();
                    int h = s.inHeight() + s.padTop() + s.padBottom();
                    int w = s.inWidth() + s.padLeft() + s.padRight();
                    PoolSpec unpadded = s.toBuilder().input(h, w).padding(0).countIncludePad(false).build();
                    float[] x = PoolData.REAL.fill(s.inputSize(), 9);
                    float[] padded = new float[s.batch() * s.channels() * h * w];
                    Arrays.fill(padded, s.kind() == PoolKind.MAX ? Float.NEGATIVE_INFINITY : 0f);
                    for (int p = 0; p < s.batch() * s.channels(); p++) {
                        for (int y = 0; y < s.inHeight(); y++) {
                            System.arraycopy(x, (p * s.inHeight() + y) * s.inWidth(), padded,
                                    (p * h + y + s.padTop()) * w + s.padLeft(), s.inWidth());
                        }
                    }
                    float[] expected = ReferencePool.pool(unpadded, padded);
                    float[] actual = ReferencePool.pool(s, x);
                    if (s.kind() == PoolKind.MAX) {
                        Tolerance.assertExact(s.toString(), expected, actual);
                    } else {
                        float[] bound = new float[expected.length];
                        Arrays.fill(bound, 1f);
                        Tolerance.assertWithin(s.toString(), expected, actual, bound, 4 * Tolerance.U);
                    }
                });
    }
}
