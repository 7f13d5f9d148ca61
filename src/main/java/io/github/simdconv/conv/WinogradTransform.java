package io.github.simdconv.conv;

/**
 * The matrices of Winograd's minimal filtering algorithm F(m, 3) in Lavin and Gray's form
 * {@code y = A^T [(G g) ⊙ (B^T d)]}, built by the Toom-Cook construction from
 * {@code alpha - 1} finite interpolation points plus the point at infinity
 * ({@code alpha = m + 2}). For finite points {@code p_0..p_{alpha-2}}:
 * <pre>
 *   A^T[i][j] = p_j^i                        (last column: 1 in the last row, 0 elsewhere)
 *   G[j][k]   = p_j^k / prod_{l != j}(p_j - p_l)   (last row: (0, 0, 1))
 *   B^T[j][:] = coefficients (x^0 first) of prod_{l != j}(x - p_l)
 *   B^T[alpha-1][:] = coefficients of prod_l (x - p_l)
 * </pre>
 * This reproduces Lavin's published F(2,3) and F(4,3) matrices (up to the sign of the row of the
 * infinite point, which cancels between B^T and A^T) and NNPACK's F(6,3). Small points keep the
 * entries of the transforms small, which is what limits the rounding error
 * (docs/winograd.md has the matrices and the measured error).
 *
 * <p>The 2D transforms are the Kronecker squares: {@code U = G g G^T}, {@code V = B^T d B},
 * {@code Y = A^T M A}.
 */
public final class WinogradTransform {
    /** Output tile size m. */
    public final int m;
    /** Input tile size {@code alpha = m + 2}. */
    public final int alpha;
    /** The finite interpolation points (infinity is the last point implicitly). */
    public final double[] points;
    /** A^T, m x alpha. */
    public final double[][] at;
    /** G, alpha x 3. */
    public final double[][] g;
    /** B^T, alpha x alpha. */
    public final double[][] bt;

    /** F(2x2, 3x3): points 0, 1, -1, infinity. */
    public static final WinogradTransform F2 = new WinogradTransform(2, new double[] {0, 1, -1});
    /** F(4x4, 3x3): points 0, 1, -1, 2, -2, infinity. */
    public static final WinogradTransform F4 = new WinogradTransform(4, new double[] {0, 1, -1, 2, -2});
    /** F(6x6, 3x3): points 0, 1, -1, 2, -2, 1/2, -1/2, infinity. */
    public static final WinogradTransform F6 =
            new WinogradTransform(6, new double[] {0, 1, -1, 2, -2, 0.5, -0.5});

    /**
     * @param m output tile size
     * @param points {@code m + 1} distinct finite interpolation points
     */
    public WinogradTransform(int m, double[] points) {
        int r = 3;
        int n = m + r - 1;
        if (points.length != n - 1) {
            throw new IllegalArgumentException("points.length = " + points.length + ": must be m + 1 = " + (n - 1));
        }
        this.m = m;
        this.alpha = n;
        this.points = points.clone();
        at = new double[m][n];
        g = new double[n][r];
        bt = new double[n][n];
        for (int j = 0; j < n - 1; j++) {
            double p = points[j];
            double f = 1;
            for (int l = 0; l < n - 1; l++) {
                if (l != j) {
                    f *= p - points[l];
                }
            }
            for (int i = 0; i < m; i++) {
                at[i][j] = Math.pow(p, i);
            }
            for (int k = 0; k < r; k++) {
                g[j][k] = Math.pow(p, k) / f;
            }
            double[] poly = {1};
            for (int l = 0; l < n - 1; l++) {
                if (l != j) {
                    poly = times(poly, points[l]);
                }
            }
            System.arraycopy(poly, 0, bt[j], 0, poly.length);
        }
        at[m - 1][n - 1] = 1;
        g[n - 1][r - 1] = 1;
        double[] full = {1};
        for (int l = 0; l < n - 1; l++) {
            full = times(full, points[l]);
        }
        System.arraycopy(full, 0, bt[n - 1], 0, full.length);
    }

    /** poly(x) * (x - p), coefficients x^0 first. */
    private static double[] times(double[] poly, double p) {
        double[] r = new double[poly.length + 1];
        for (int i = 0; i < poly.length; i++) {
            r[i + 1] += poly[i];
            r[i] -= p * poly[i];
        }
        return r;
    }

    /**
     * @param m output tile size 2, 4 or 6
     * @return that transform
     */
    public static WinogradTransform of(int m) {
        return switch (m) {
            case 2 -> F2;
            case 4 -> F4;
            case 6 -> F6;
            default -> throw new IllegalArgumentException("m = " + m + ": must be 2, 4 or 6");
        };
    }

    /**
     * The 1D algorithm in double, for checking the matrices: correlation of {@code d} (alpha
     * values) with {@code w} (3 taps).
     *
     * @param d input
     * @param w filter
     * @return the m outputs
     */
    public double[] correlate1d(double[] d, double[] w) {
        double[] mm = new double[alpha];
        for (int xi = 0; xi < alpha; xi++) {
            double u = 0;
            double v = 0;
            for (int k = 0; k < 3; k++) {
                u += g[xi][k] * w[k];
            }
            for (int j = 0; j < alpha; j++) {
                v += bt[xi][j] * d[j];
            }
            mm[xi] = u * v;
        }
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            for (int xi = 0; xi < alpha; xi++) {
                y[i] += at[i][xi] * mm[xi];
            }
        }
        return y;
    }

    /**
     * The nonzero pattern of a matrix as float coefficients, for sparse transform loops.
     *
     * @param a the matrix
     * @return per row, the column indices of its nonzeros
     */
    static int[][] nonzeroColumns(double[][] a) {
        int[][] idx = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            int c = 0;
            for (double v : a[i]) {
                if (v != 0) {
                    c++;
                }
            }
            idx[i] = new int[c];
            c = 0;
            for (int j = 0; j < a[i].length; j++) {
                if (a[i][j] != 0) {
                    idx[i][c++] = j;
                }
            }
        }
        return idx;
    }

    /**
     * @param a the matrix
     * @return per row, the float values of its nonzeros (same order as {@link #nonzeroColumns})
     */
    static float[][] nonzeroValues(double[][] a) {
        int[][] idx = nonzeroColumns(a);
        float[][] v = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            v[i] = new float[idx[i].length];
            for (int q = 0; q < idx[i].length; q++) {
                v[i][q] = (float) a[i][idx[i][q]];
            }
        }
        return v;
    }

    /** @return the largest number of nonzeros in a row of B^T (summation depth of one input pass) */
    public int inputDepth() {
        return maxNonzeros(bt);
    }

    /** @return the largest number of nonzeros in a row of A^T (summation depth of one output pass) */
    public int outputDepth() {
        return maxNonzeros(at);
    }

    private static int maxNonzeros(double[][] a) {
        int best = 0;
        for (int[] row : nonzeroColumns(a)) {
            best = Math.max(best, row.length);
        }
        return best;
    }
}
