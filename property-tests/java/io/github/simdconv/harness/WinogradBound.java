package io.github.simdconv.harness;

import io.github.simdconv.conv.WinogradTransform;
import io.github.simdconv.spec.ConvSpec;

/**
 * The rounding-error bound of Winograd F(m x m, 3 x 3), derived like Higham's componentwise
 * bounds for bilinear algorithms (docs/winograd.md, "Error bound"). With {@code nB}, {@code nA}
 * the largest numbers of nonzeros in a row of B^T and A^T and C the input channels per group,
 * every rounding step of the float32 pipeline (two input passes of nB terms, the weight
 * transform rounded once, C fused products, two output passes of nA terms, the bias) perturbs
 * its result by a factor in [1 - u, 1 + u], so
 * <pre>
 *   |y_fast - y| <= gamma(C + 2 nB + 2 nA + 3) * mag,
 *   mag = [ |A^T| ( sum_c (|G| |g_c| |G^T|) ⊙ (|B^T| |d_c| |B|) ) |A| ]_(a,b) + |bias|
 * </pre>
 * where d_c is the output's (zero-padded) input tile. Unlike the dot-product bound
 * {@code gamma(9C) * sum|x||w|}, mag involves every input of the tile, not only the output's
 * window: an output whose window is all zeros still carries the rounding of its tile-mates, so
 * no multiple of {@code sum|x||w|} bounds it. The harness therefore compares Winograd against
 * {@code mag}, computed here in double from the same data.
 */
public final class WinogradBound {
    private WinogradBound() {}

    /**
     * @param t the transform
     * @param c input channels per group
     * @return {@code gamma(C + 2 nB + 2 nA + 3) + u}: the error factor applied to {@link #magnitude}
     *     (the reference's own final rounding included)
     */
    public static double factor(WinogradTransform t, int c) {
        int n = c + 2 * t.inputDepth() + 2 * t.outputDepth() + 3;
        double nu = n * Tolerance.U;
        return nu / (1 - nu) + Tolerance.U;
    }

    /**
     * Per output, the magnitude {@code mag} of the class comment.
     *
     * @param t the transform
     * @param s the geometry (3x3, stride 1, dilation 1)
     * @param in NCHW input
     * @param w OIHW weights
     * @param b bias or null
     * @return NCHW array of magnitudes
     */
    public static float[] magnitude(WinogradTransform t, ConvSpec s, float[] in, float[] w, float[] b) {
        int m = t.m;
        int al = t.alpha;
        int a2 = al * al;
        double[][] bt = abs(t.bt);
        double[][] g = abs(t.g);
        double[][] at = abs(t.at);
        int cpg = s.inChannelsPerGroup();
        int kpg = s.outChannelsPerGroup();
        int oh = s.outHeight();
        int ow = s.outWidth();
        // |G| |g| |G^T| per (k, c)
        double[][] uabs = new double[s.outChannels() * cpg][a2];
        for (int kc = 0; kc < s.outChannels() * cpg; kc++) {
            double[] gg = new double[9];
            for (int q = 0; q < 9; q++) {
                gg[q] = Math.abs(w[kc * 9 + q]);
            }
            uabs[kc] = sandwich(g, gg, 3, al);
        }
        float[] mag = new float[s.outputSize()];
        double[] dd = new double[a2];
        double[][] vabs = new double[cpg][];
        for (int n = 0; n < s.batch(); n++) {
            for (int gr = 0; gr < s.groups(); gr++) {
                for (int ty = 0; ty < oh; ty += m) {
                    for (int tx = 0; tx < ow; tx += m) {
                        for (int c = 0; c < cpg; c++) {
                            int ch = gr * cpg + c;
                            for (int i = 0; i < al; i++) {
                                for (int j = 0; j < al; j++) {
                                    int yy = ty - s.padTop() + i;
                                    int xx = tx - s.padLeft() + j;
                                    boolean inside = yy >= 0 && yy < s.inHeight() && xx >= 0 && xx < s.inWidth();
                                    dd[i * al + j] = inside
                                            ? Math.abs(in[((n * s.inChannels() + ch) * s.inHeight() + yy) * s.inWidth() + xx])
                                            : 0;
                                }
                            }
                            vabs[c] = sandwich(bt, dd, al, al);
                        }
                        for (int kk = 0; kk < kpg; kk++) {
                            int k = gr * kpg + kk;
                            double[] mm = new double[a2];
                            for (int c = 0; c < cpg; c++) {
                                double[] u = uabs[k * cpg + c];
                                double[] v = vabs[c];
                                for (int xi = 0; xi < a2; xi++) {
                                    mm[xi] += u[xi] * v[xi];
                                }
                            }
                            double[] yv = sandwich(at, mm, al, m);
                            double bk = b == null ? 0 : Math.abs(b[k]);
                            for (int a = 0; a < m && ty + a < oh; a++) {
                                for (int bb = 0; bb < m && tx + bb < ow; bb++) {
                                    mag[((n * s.outChannels() + k) * oh + ty + a) * ow + tx + bb] =
                                            (float) (yv[a * m + bb] + bk);
                                }
                            }
                        }
                    }
                }
            }
        }
        return mag;
    }

    /** P x P^T for P (rows x cols), x (cols x cols) row-major. */
    private static double[] sandwich(double[][] p, double[] x, int cols, int rows) {
        double[] tmp = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double acc = 0;
                for (int q = 0; q < cols; q++) {
                    acc += p[i][q] * x[q * cols + j];
                }
                tmp[i * cols + j] = acc;
            }
        }
        double[] r = new double[rows * rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < rows; j++) {
                double acc = 0;
                for (int q = 0; q < cols; q++) {
                    acc += tmp[i * cols + q] * p[j][q];
                }
                r[i * rows + j] = acc;
            }
        }
        return r;
    }

    private static double[][] abs(double[][] a) {
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                r[i][j] = Math.abs(a[i][j]);
            }
        }
        return r;
    }
}
