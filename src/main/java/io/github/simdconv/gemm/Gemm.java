package io.github.simdconv.gemm;

import io.github.simdconv.simd.Simd;

/**
 * The single-threaded blocked SGEMM core: {@code C[r0..r1) = A * B (+ C) (+ bias) (ReLU)} with a
 * pre-packed A ({@link PackedA}), B packed on the fly into a {@link GemmWorkspace}. Callers that
 * want several threads split rows or columns of C between them ({@link Sgemm} splits rows over
 * one packed B block shared by the threads, through the package-private {@code block}); every output
 * element is summed in the same order whatever the split, so results are bitwise independent of
 * the thread count.
 *
 * <h2>Blocking (BLIS, Goto and van de Geijn)</h2>
 * <pre>
 * for j0 in steps of NC           columns of B and C
 *   for k0 in steps of KC         inner dimension
 *     pack B[k0:k0+KC, j0:j0+NC] into NR-column micro-panels   (workspace, stays in L2/L3)
 *     for i0 in steps of MC       rows: an MC x KC block of packed A (stays in L2)
 *       for jr in steps of NR     one KC x NR micro-panel of B  (L1 with AVX2, L2 with AVX-512)
 *         for ir in steps of MR   one MR x KC micro-panel of A  (streams from L2)
 *           micro-kernel: MR x NR tile of C in registers, KC rank-1 updates, then write-back
 * </pre>
 * The micro-kernel keeps an {@code MR x NV}-vector tile of C in registers and per k loads NV
 * vectors of B plus one broadcast of A per row, one FMA per (broadcast, vector) pair:
 * <ul>
 *   <li>512-bit vectors (AVX-512, 32 registers): {@code MicroKernel6x4v}, 24 accumulators + 4 B
 *       vectors + 1 broadcast = 29 registers, 24 FMAs per 10 loads. Measured on a Zen 5 core
 *       (JMH minima, SGEMM 512^3 and three ResNet layers) against 6x2v, 8x2v, 12x2v, 14x2v and
 *       8x3v: 6x4v was fastest or tied everywhere (about 7% over 6x2v on SGEMM 512^3, 9% on
 *       resnet_3x3_28); 14x2v and 8x3v were 10-30% slower than 6x2v. MR = 6 wastes little on
 *       64/128/256-row layers (at most 2 padded rows).</li>
 *   <li>Otherwise (AVX2, 16 registers): {@code MicroKernel6x2v}, 12 + 2 + 1 = 15 registers (a
 *       4 x 3 tile would need 17 and spill).</li>
 * </ul>
 * {@code NR = NV * lanes}: 64 floats with AVX-512, 16 with AVX2. A last micro-panel narrower than
 * NR runs the narrowest kernel that covers it ({@code MicroKernel6x1v/2v/3v}), so a 196-pixel
 * layer (3 x 64 + 4) pays one vector, not four, for its last 4 columns.
 *
 * <p>The kernels store their tile to the workspace and call {@code VectorWriteBack} (C, bias, ReLU)
 * instead of inlining the write-back: with it inlined the 6x4v kernel ran C1 out of virtual
 * registers ("COMPILE SKIPPED"), so it stayed interpreted (boxing every vector, ~200x slower)
 * until C2 finished, once for a whole 5-second JMH fork. The store and reload cost 2 x 24 L1
 * accesses per {@code 24 * KC} FMAs.
 *
 * <p>Block sizes, for Zen 5 (48 KiB L1d, 1 MiB L2 per core, 32 MiB L3) and Zen 3 (32 KiB, 512 KiB):
 * <ul>
 *   <li>{@code KC = 512}, split into equal-depth blocks ({@link #blockDepth}: k = 1152 runs as
 *       3 x 384, not 2 x 512 + 128). The C tile is loaded and stored once per block, so deeper
 *       blocks amortise it over more FMAs. With NR = 64 the {@code KC x NR} B micro-panel
 *       (128 KiB) no longer fits L1; it streams from L2, which is enough: per k the 6x4v kernel
 *       reads 256 bytes of B in 12 FMA cycles, a fraction of L2 bandwidth. Measured on SGEMM
 *       512^3 (JMH minima): KC 512 1.32 ms, 384 and 256 1.35 ms, 192 4-9% slower than 256; on resnet_3x3_28 /
 *       14, 512 beat 256 by 2% / 4%. With AVX2, 512 x 16 floats = 32 KiB is a Zen 3 L1.</li>
 *   <li>{@code MC = 168} (28 panels): the packed A block ({@code 168 x 512} floats = 336 KiB)
 *       takes a third of a Zen 5 L2. 72 and 516 measured within noise of 168. The rows of a call
 *       are cut into equal blocks of at most MC (512 rows: 4 x 22 or 21 panels, not 3 x 28 + 2),
 *       so no block is a remainder that pays a whole pass over the B block for a few rows: 1-2%
 *       on SGEMM 512^3 in an interleaved comparison (within JMH noise).</li>
 *   <li>{@code NC = 2048}: the packed B block ({@code 512 x 2048} floats = 4 MiB per thread) lives
 *       in L3; it bounds the workspace.</li>
 * </ul>
 *
 * <p>When all rows of a call fit one MC block, each B micro-panel is packed right before the
 * kernels that use it (it goes to cache once instead of through a {@code KC x NC} block): 1x1
 * layers with few output channels gained about 15% from it on Zen 3; on Zen 5 a 256-1024-column
 * packed block measured within noise of it.
 *
 * <p>A C element is accumulated across KC blocks through memory; the bias is added in the first
 * block's write-back and the ReLU applied in the last one's, so neither costs a separate pass.
 *
 * <h2>Scalar fallback</h2>
 * When {@link Simd#vectorEnabled()} is false the same loops run a scalar kernel with
 * {@code NR = 8}; the vector classes are never loaded.
 */
public final class Gemm {
    private Gemm() {}

    static final boolean VECTOR = Simd.vectorEnabled();
    static final boolean FUSED = true;
    /** Rows of the register tile. */
    public static final int MR = 6;
    /**
     * Vectors per row of the register tile: 4 with 512-bit vectors (x86 AVX-512 has 32 vector
     * registers: 24 accumulators + 4 B vectors + 1 broadcast), 2 otherwise (AVX2's 16 registers:
     * 12 + 2 + 1).
     */
    static final int NV = VECTOR && Simd.floatLanes() >= 16 ? 4 : 2;
    /** Columns of the register tile: {@code NV} vectors (or 8 in scalar mode). */
    public static final int NR = VECTOR ? NV * Simd.floatLanes() : 8;
    /** Lanes of one vector (0 in scalar mode). */
    static final int LANES = VECTOR ? Simd.floatLanes() : 0;
    /** Depth of a packed block (inner dimension). */
    public static final int KC = 512;
    /** Rows of A per L2 block (a multiple of MR). */
    public static final int MC = 168;
    /** Columns of B per packed block (a multiple of NR). */
    public static final int NC = 2048 / NR * NR;

    /**
     * Depth of the inner-dimension blocks of a product with inner dimension {@code k}: the fewest
     * blocks of at most {@link #KC}, of equal depth (the last one may be shorter by less than the
     * block count), so no block is a short remainder that pays the C write-back for few FMAs.
     *
     * @param k inner dimension, {@code >= 1}
     * @return block depth, {@code <= KC}
     */
    static int blockDepth(int k) {
        int blocks = (k + KC - 1) / KC;
        return (k + blocks - 1) / blocks;
    }

    /**
     * Computes rows {@code [r0, r1)} of {@code C = A * B}, optionally adding C's old value, a
     * per-row bias, and applying ReLU, on the calling thread. {@code C(i, j)} is
     * {@code c[cOff + i * ldc + j]} for {@code r0 <= i < r1}, {@code 0 <= j < n}; nothing else in
     * {@code c} is read or written. B is {@code k x n} ({@code k = a.depth()}): {@code B(p, j)} is
     * {@code b[bOff + p * ldb + j]}, or {@code b[bOff + j * ldb + p]} if {@code transB}.
     *
     * <p>Each output is {@code relu((old C if accumulate) + bias[biasOff + i] + sum_p A(i,p) B(p,j))}
     * (the ReLU as {@link io.github.simdconv.spec.Activation#RELU}: NaN stays NaN). When
     * {@code accumulate} is false C is never read, so it may hold anything, NaN included.
     *
     * @param a the packed left operand, {@code m x k}
     * @param r0 first row of C to compute, {@code 0 <= r0 <= r1}
     * @param r1 one past the last row, {@code <= a.rows()}
     * @param n columns of B and C, {@code >= 0}
     * @param b the right operand
     * @param bOff index of B(0, 0)
     * @param ldb row stride of B as stored ({@code >= n}, or {@code >= k} if {@code transB})
     * @param transB whether B is stored transposed ({@code n x k})
     * @param c the result
     * @param cOff index of C(0, 0) (row 0, even when {@code r0 > 0})
     * @param ldc row stride of C, {@code >= n}
     * @param accumulate whether to add the product to C's old value
     * @param bias per-row bias ({@code bias[biasOff + i]} for row i) or null
     * @param biasOff index of row 0's bias
     * @param relu whether to apply ReLU in the write-back
     * @param ws this thread's workspace
     * @throws IllegalArgumentException on an invalid size, stride, range or too small an array,
     *     before anything is written
     */
    public static void multiply(PackedA a, int r0, int r1, int n,
            float[] b, int bOff, int ldb, boolean transB,
            float[] c, int cOff, int ldc, boolean accumulate,
            float[] bias, int biasOff, boolean relu, GemmWorkspace ws) {
        multiply(a, r0, r1, n, b, bOff, ldb, transB, c, cOff, ldc, accumulate, bias, biasOff, relu, ws, null);
    }

    private static void multiply(PackedA a, int r0, int r1, int n,
            float[] b, int bOff, int ldb, boolean transB,
            float[] c, int cOff, int ldc, boolean accumulate,
            float[] bias, int biasOff, boolean relu, GemmWorkspace ws, BSource src) {
        if (a == null) {
            throw new IllegalArgumentException("a is null: a PackedA is required");
        }
        if (ws == null) {
            throw new IllegalArgumentException("ws is null: a GemmWorkspace is required");
        }
        int m = a.rows();
        int k = a.depth();
        if (r0 < 0 || r1 < r0 || r1 > m) {
            throw new IllegalArgumentException("rows [r0, r1) = [" + r0 + ", " + r1 + "): must satisfy 0 <= r0 <= r1 <= m = " + m);
        }
        if (n < 0) {
            throw new IllegalArgumentException("n = " + n + ": must be >= 0");
        }
        if (r0 == r1 || n == 0) {
            return;
        }
        if (ldc < n) {
            throw new IllegalArgumentException("ldc = " + ldc + ": must be >= n = " + n);
        }
        if (cOff < 0) {
            throw new IllegalArgumentException("c offset = " + cOff + ": must be >= 0");
        }
        checkMatrix("c", c, cOff + (long) r0 * ldc, r1 - r0, n, ldc);
        if (bias != null) {
            if (biasOff < 0 || (long) biasOff + r1 > bias.length) {
                throw new IllegalArgumentException("bias.length = " + bias.length + ": must be >= biasOff + r1 = "
                        + ((long) biasOff + r1) + " (biasOff = " + biasOff + ")");
            }
        }
        if (k == 0) {
            // empty sum: C = (C) + bias, then ReLU
            for (int i = r0; i < r1; i++) {
                float bv = bias != null ? bias[biasOff + i] : 0f;
                int o = cOff + i * ldc;
                for (int j = 0; j < n; j++) {
                    float v = accumulate ? c[o + j] : 0f;
                    v = bias != null ? v + bv : v;
                    c[o + j] = relu && v < 0f ? 0f : v;
                }
            }
            return;
        }
        if (src == null) {
            int storedRows = transB ? n : k;
            int storedCols = transB ? k : n;
            if (ldb < storedCols) {
                throw new IllegalArgumentException("ldb = " + ldb + ": must be >= " + (transB ? "k" : "n") + " = "
                        + storedCols + (transB ? " (B stored transposed, n x k)" : " (B stored k x n)"));
            }
            checkMatrix("b", b, bOff, storedRows, storedCols, ldb);
        }
        ws.ensure(k, n);
        blocked(a, r0, r1, n, b, bOff, ldb, transB, c, cOff, ldc, accumulate, bias, biasOff, relu, ws, src);
    }

    /** The five loops around the micro-kernel (arguments already checked). */
    private static void blocked(PackedA a, int r0, int r1, int n,
            float[] b, int bOff, int ldb, boolean transB,
            float[] c, int cOff, int ldc, boolean accumulate,
            float[] bias, int biasOff, boolean relu, GemmWorkspace ws, BSource src) {
        final int mr = MR;
        final int k = a.depth();
        final float[] bp = ws.packedB;
        final float[] tile = ws.tile;
        final int kb = blockDepth(k);
        final int ip0 = r0 / mr;
        final int ip1 = (r1 + mr - 1) / mr;
        // when all rows fit one MC block, each B micro-panel is packed right before the kernels
        // that use it, so it goes to L1 once instead of a whole KC x NC block through L2/L3
        final boolean fused = FUSED && ip1 - ip0 <= MC / mr;
        for (int j0 = 0; j0 < n; j0 += NC) {
            int nc = Math.min(NC, n - j0);
            for (int k0 = 0; k0 < k; k0 += kb) {
                int kc = Math.min(kb, k - k0);
                if (!fused) {
                    if (src != null) {
                        src.pack(k0, kc, j0, nc, bp);
                    } else {
                        packB(b, bOff, ldb, transB, k0, kc, j0, nc, bp, 0);
                    }
                }
                boolean loadC = accumulate || k0 > 0;
                float[] bi = k0 == 0 ? bias : null;
                boolean re = relu && k0 + kc == k;
                if (fused) {
                    fusedBlock(a, ip0, ip1, r0, r1, k0, kc, nc, b, bOff, ldb, transB, j0, src, bp,
                            c, cOff + j0, ldc, loadC, bi, biasOff, re, tile);
                } else {
                    block(a, ip0, ip1, r0, r1, k0, kc, bp, nc, c, cOff + j0, ldc, loadC, bi, biasOff, re, tile);
                }
            }
        }
    }

    /**
     * Rows {@code [r0, r1)} (panels {@code [ip0, ip1)}) of one packed {@code kc x nc} block of B
     * (depth block {@code k0} of A) in MC x NR steps. {@code cOff} is C's column of the block's
     * first column. The MC blocks are of equal size (at most {@link #MC} rows), so no block is a
     * short remainder that pays a whole pass over B for a few rows.
     */
    static void block(PackedA a, int ip0, int ip1, int r0, int r1, int k0, int kc, float[] bp, int nc,
            float[] c, int cOff, int ldc, boolean loadC, float[] bi, int biasOff, boolean re, float[] tile) {
        final int mr = MR;
        final int nr = NR;
        final float[] ad = a.data;
        final int aBase = k0 * a.panels() * mr;
        final int mcBlocks = (ip1 - ip0 + MC / mr - 1) / (MC / mr);
        final int mcp = (ip1 - ip0 + mcBlocks - 1) / mcBlocks;
        for (int ic = ip0; ic < ip1; ic += mcp) {
            int icEnd = Math.min(ip1, ic + mcp);
            for (int jp = 0; jp * nr < nc; jp++) {
                int cols = Math.min(nr, nc - jp * nr);
                panel(ad, aBase, ic, icEnd, r0, r1, kc, bp, jp * kc * nr, cols, c, cOff + jp * nr, ldc,
                        loadC, bi, biasOff, re, tile);
            }
        }
    }

    /** {@link #block} when all rows fit one MC block: each B micro-panel packed right before its kernels. */
    private static void fusedBlock(PackedA a, int ip0, int ip1, int r0, int r1, int k0, int kc, int nc,
            float[] b, int bOff, int ldb, boolean transB, int j0, BSource src, float[] bp,
            float[] c, int cOff, int ldc, boolean loadC, float[] bi, int biasOff, boolean re, float[] tile) {
        final int nr = NR;
        final int aBase = k0 * a.panels() * MR;
        for (int jp = 0; jp * nr < nc; jp++) {
            int cols = Math.min(nr, nc - jp * nr);
            if (src != null) {
                src.pack(k0, kc, j0 + jp * nr, cols, bp);
            } else {
                packB(b, bOff, ldb, transB, k0, kc, j0 + jp * nr, cols, bp, 0);
            }
            panel(a.data, aBase, ip0, ip1, r0, r1, kc, bp, 0, cols, c, cOff + jp * nr, ldc,
                    loadC, bi, biasOff, re, tile);
        }
    }

    /** One B micro-panel (at {@code bo}, {@code cols} valid columns) against A panels {@code [ic, icEnd)}. */
    private static void panel(float[] ad, int aBase, int ic, int icEnd, int r0, int r1, int kc,
            float[] bp, int bo, int cols, float[] c, int cCol, int ldc,
            boolean loadC, float[] bi, int biasOff, boolean re, float[] tile) {
        final int mr = MR;
        for (int ip = ic; ip < icEnd; ip++) {
            int row0 = ip * mr;
            int lo = Math.max(r0 - row0, 0);
            int hi = Math.min(r1 - row0, mr);
            int co = cCol + row0 * ldc;
            int ao = aBase + ip * mr * kc;
            if (VECTOR) {
                // a last panel narrower than NR runs the narrowest kernel that covers it
                if (cols > 3 * LANES && NV == 4) {
                    MicroKernel6x4v.tile(ad, ao, bp, bo, kc, c, co, ldc, lo, hi, cols,
                            loadC, bi, biasOff + row0, re, tile);
                } else if (cols > 2 * LANES && NV == 4) {
                    MicroKernel6x3v.tile(ad, ao, bp, bo, kc, c, co, ldc, lo, hi, cols,
                            loadC, bi, biasOff + row0, re, tile);
                } else if (cols > LANES) {
                    MicroKernel6x2v.tile(ad, ao, bp, bo, kc, c, co, ldc, lo, hi, cols,
                            loadC, bi, biasOff + row0, re, tile);
                } else {
                    MicroKernel6x1v.tile(ad, ao, bp, bo, kc, c, co, ldc, lo, hi, cols,
                            loadC, bi, biasOff + row0, re, tile);
                }
            } else {
                ScalarKernel6x8.tile(ad, ao, bp, bo, kc, c, co, ldc, lo, hi, cols,
                        loadC, bi, biasOff + row0, re, tile);
            }
        }
    }

    /**
     * Produces the right operand B block by block, directly in the packed layout, for callers
     * whose B is never materialised as a matrix (im2col writes each block of the column matrix
     * straight into the packed panels). Implementations are created once and reused.
     */
    public interface BSource {
        /**
         * Writes rows {@code [k0, k0 + kc)} and columns {@code [j0, j0 + nc)} of B into
         * {@code dst} as {@code ceil(nc / NR)} micro-panels: element {@code (k0 + p, j0 + j)} at
         * {@code dst[(j / NR) * kc * NR + p * NR + j % NR]}, i.e. each panel is a row-major
         * {@code kc x NR} matrix. Columns of the last panel past {@code nc} must be written as 0.
         *
         * @param k0 first row
         * @param kc rows ({@code <= KC})
         * @param j0 first column
         * @param nc columns ({@code <= NC})
         * @param dst the workspace's packing buffer
         */
        void pack(int k0, int kc, int j0, int nc, float[] dst);
    }

    /**
     * {@link #multiply(PackedA, int, int, int, float[], int, int, boolean, float[], int, int, boolean,
     * float[], int, boolean, GemmWorkspace)} with B supplied block by block by a {@link BSource}
     * ({@code k = a.depth()} rows, {@code n} columns).
     *
     * @param a the packed left operand
     * @param r0 first row of C
     * @param r1 one past the last row
     * @param n columns of B and C
     * @param b produces packed blocks of B
     * @param c the result
     * @param cOff index of C(0, 0)
     * @param ldc row stride of C
     * @param accumulate whether to add to C's old value
     * @param bias per-row bias or null
     * @param biasOff index of row 0's bias
     * @param relu whether to apply ReLU
     * @param ws this thread's workspace
     */
    public static void multiply(PackedA a, int r0, int r1, int n, BSource b,
            float[] c, int cOff, int ldc, boolean accumulate,
            float[] bias, int biasOff, boolean relu, GemmWorkspace ws) {
        if (b == null) {
            throw new IllegalArgumentException("b is null: a BSource is required");
        }
        multiply(a, r0, r1, n, DUMMY, 0, 0, false, c, cOff, ldc, accumulate, bias, biasOff, relu, ws, b);
    }

    private static final float[] DUMMY = new float[0];

    /**
     * Packs {@code B[k0:k0+kc, j0:j0+nc]} of a row-major B into the {@link BSource} layout (for
     * sources that hold part of B as a matrix).
     *
     * @param b the matrix
     * @param bOff index of B(0, 0)
     * @param ldb its row stride
     * @param transB whether B is stored transposed
     * @param k0 first row
     * @param kc rows
     * @param j0 first column
     * @param nc columns
     * @param dst destination, {@code ceil(nc / NR) * kc * NR} floats
     */
    public static void packB(float[] b, int bOff, int ldb, boolean transB, int k0, int kc, int j0, int nc, float[] dst) {
        packB(b, bOff, ldb, transB, k0, kc, j0, nc, dst, 0);
    }

    /** {@link #packB(float[], int, int, boolean, int, int, int, int, float[])} into {@code dst} from {@code dOff}. */
    static void packB(float[] b, int bOff, int ldb, boolean transB, int k0, int kc, int j0, int nc, float[] dst, int dOff) {
        if (VECTOR) {
            VectorPackB.packB(b, bOff, ldb, transB, k0, kc, j0, nc, dst, dOff);
        } else {
            packBScalar(b, bOff, ldb, transB, k0, kc, j0, nc, dst, dOff);
        }
    }

    /**
     * Checks that a {@code rows x cols} matrix with row stride {@code ld} from {@code off} fits.
     */
    static void checkMatrix(String name, float[] x, long off, int rows, int cols, int ld) {
        if (x == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (off < 0) {
            throw new IllegalArgumentException(name + " offset = " + off + ": must be >= 0");
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long end = off + (long) (rows - 1) * ld + cols;
        if (end > x.length) {
            throw new IllegalArgumentException(name + ".length = " + x.length + ": must be >= offset + (rows-1)*ld + cols = "
                    + off + " + " + (rows - 1) + "*" + ld + " + " + cols + " = " + end);
        }
    }

    /**
     * Packs {@code B[k0:k0+kc, j0:j0+nc]} into NR-column micro-panels ({@code kc x NR} each, the last
     * zero-padded), scalar code.
     */
    static void packBScalar(float[] b, int bOff, int ldb, boolean transB, int k0, int kc, int j0, int nc, float[] d,
            int dOff) {
        final int nr = NR;
        for (int jp = 0; jp * nr < nc; jp++) {
            int cols = Math.min(nr, nc - jp * nr);
            int dst = dOff + jp * kc * nr;
            int jb = j0 + jp * nr;
            if (!transB) {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (k0 + p) * ldb + jb;
                    int o = dst + p * nr;
                    for (int j = 0; j < cols; j++) {
                        d[o + j] = b[src + j];
                    }
                    for (int j = cols; j < nr; j++) {
                        d[o + j] = 0f;
                    }
                }
            } else {
                packBTransposed(b, bOff, ldb, k0, kc, jb, cols, d, dst);
            }
        }
    }

    /** One micro-panel of a transposed B: column j of the panel is row {@code jb + j} of the stored matrix. */
    static void packBTransposed(float[] b, int bOff, int ldb, int k0, int kc, int jb, int cols, float[] d, int dst) {
        final int nr = NR;
        for (int j = 0; j < cols; j++) {
            int src = bOff + (jb + j) * ldb + k0;
            for (int p = 0; p < kc; p++) {
                d[dst + p * nr + j] = b[src + p];
            }
        }
        for (int j = cols; j < nr; j++) {
            for (int p = 0; p < kc; p++) {
                d[dst + p * nr + j] = 0f;
            }
        }
    }

    /**
     * Write-back of a tile held in {@code t} (row-major {@code MR x NR}): rows {@code [rowLo, rowHi)}
     * and the first {@code cols} columns, {@code co} = index of the tile's row 0, column 0 in C.
     * Same operation order as the vector write-back: {@code ((acc + C) + bias)}, then ReLU.
     */
    static void writeBack(float[] t, float[] c, int co, int ldc, int rowLo, int rowHi, int cols,
            boolean loadC, float[] bias, int biasOff, boolean relu) {
        final int nr = NR;
        for (int i = rowLo; i < rowHi; i++) {
            int o = co + i * ldc;
            float bv = bias != null ? bias[biasOff + i] : 0f;
            for (int j = 0; j < cols; j++) {
                float v = t[i * nr + j];
                if (loadC) {
                    v += c[o + j];
                }
                if (bias != null) {
                    v += bv;
                }
                c[o + j] = relu && v < 0f ? 0f : v;
            }
        }
    }
}
