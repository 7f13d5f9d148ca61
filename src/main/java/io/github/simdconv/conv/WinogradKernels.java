package io.github.simdconv.conv;

/**
 * The transform passes of {@link Winograd} over rows of tiles (the batched GEMMs run on
 * {@link io.github.simdconv.gemm.Gemm}). {@link ScalarWinogradKernels} is always available; {@code VectorWinogradKernels}
 * is loaded only when {@link io.github.simdconv.simd.Simd#vectorEnabled()} is true.
 */
interface WinogradKernels {
    /**
     * One pass of B^T of F(m x m, 3 x 3) over rows of tiles: {@code dst[r][t] = sum_j BT[r][j] src[j][t]}
     * for {@code t < width} (a multiple of the vector length), rows of src at {@code so + j * ss}, of
     * dst at {@code dOff + r * ds}.
     */
    void inputPass(int m, float[] src, int so, int ss, float[] dst, int dOff, int ds, int width);

    /** {@link #inputPass} with A^T (m output rows). */
    void outputPass(int m, float[] src, int so, int ss, float[] dst, int dOff, int ds, int width);

    /**
     * @param tiles the widest block, in tiles
     * @return rows of the U panels {@link #multiply} takes for blocks that wide
     */
    int panelRows(int tiles);

    /** @return the multiple of which a transform's {@code width} must be (the vector length, or 1) */
    int widthUnit();

    /**
     * Rows {@code [p0 * mr, min(kRows, p1 * mr))} and columns {@code [0, width)} of one transform
     * position's GEMM: {@code m[mo + k * ldm + t] = sum_c u[uo + ((k / mr) * cpg + c) * mr + k % mr] * v[vo + c * ldv + t]},
     * each one FMA chain over {@code c = 0 .. cpg-1} starting from zero (so the value does not
     * depend on which rows or columns are computed together). A kernel may also write rows
     * {@code [kRows, p1 * mr)} (the zero padding of U's last panel): m must have room for them.
     */
    void multiply(int mr, float[] u, int uo, int p0, int p1, int kRows, int cpg,
            float[] v, int vo, int ldv, int width, float[] m, int mo, int ldm);

    /**
     * {@code dst[dstBase + dstOff[e] + k] = src[srcBase + srcOff[e] + k]} for {@code k < len[e]},
     * {@code e < n}: the short row copies of a linear gather or scatter (every range is inside
     * its array).
     */
    void copyRuns(float[] src, int srcBase, int[] srcOff, float[] dst, int dstBase, int[] dstOff, int[] len, int n);

    /** @return whether {@link #deinterleave} supports F(m x m) */
    boolean linearGather(int m);

    /**
     * {@code dd[(i*alpha + j)*blk + t] = r[i*rs + m*t + j]} for {@code j < m} and
     * {@code = r[i*rs + m*(t+1) + j - m]} for {@code m <= j < alpha} (the next tile's first columns),
     * for every {@code t < nt} (a vector kernel may write up to the next multiple of its length).
     */
    void deinterleave(int m, float[] r, int rs, int nt, int alpha, float[] dd, int blk);

    /**
     * {@code r[a*rs + m*t + b] = relu(y[(a*m + b)*blk + t] + bias)} for {@code a, b < m} and every
     * {@code t < nt} (a vector kernel may write up to the next multiple of its length); ReLU keeps NaN.
     */
    void interleave(int m, float[] y, int blk, int nt, float bias, boolean relu, float[] r, int rs);

    /** @return tiles per lane group of the validity bit masks (at most 64) */
    int groupLanes();

    /**
     * Gathers each tile's alpha x alpha input patch as {@code dd[(i*alpha + j)*blk + t]}: the value
     * at {@code in[chanOff + base[t] + i*inW + j]} where bit {@code t % G} of
     * {@code rowBits[(t/G)*alpha + i] & colBits[(t/G)*alpha + j]} is set (G = {@link #groupLanes()}),
     * zero where it is not (padding, tiles past {@code nt}). Unset positions are never read.
     * {@code baseMin/baseMax[t/G]} bound {@code base} over each lane group (lanes up to the next
     * multiple of G included), so a vector kernel can tell whether a whole group's addresses lie
     * inside the array. A tile {@code t} not listed in {@code breaks[0..nBreaks)} has its
     * horizontal neighbour as tile {@code t + 1}, so its columns {@code j >= m} equal that
     * tile's columns {@code j - m} (the overlap of adjacent tiles), which a kernel may copy
     * instead of reading them again.
     */
    void gather(float[] in, int chanOff, int inW, int[] base, int[] baseMin, int[] baseMax,
            long[] rowBits, long[] colBits, int nt, int[] breaks, int nBreaks,
            int alpha, int m, float[] dd, int blk);

    /**
     * Writes {@code relu(y[(a*m + b)*blk + t] + bias)} to {@code out[chanOff + base[t] + a*outW + b]}
     * where bit {@code t % G} of {@code rowBits[(t/G)*m + a] & colBits[(t/G)*m + b]} is set; nothing
     * else is written. ReLU keeps NaN (as {@link io.github.simdconv.spec.Activation#RELU}).
     */
    void scatter(float[] y, int blk, int m, float bias, boolean relu, float[] out, int chanOff, int outW,
            int[] base, int[] baseMin, int[] baseMax, long[] rowBits, long[] colBits, int nt);
}
