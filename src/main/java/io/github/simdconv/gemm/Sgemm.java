package io.github.simdconv.gemm;

import io.github.simdconv.parallel.ParallelBody;
import io.github.simdconv.parallel.WorkerPool;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * BLAS-like single-precision matrix multiplication {@code C = alpha * op(A) * op(B) + beta * C},
 * row-major with leading dimensions, on a fixed number of threads.
 *
 * <p>An instance owns its buffers (packed A, one {@link GemmWorkspace} per thread, which holds
 * that thread's packed B) and reuses them: after the first call of a given size, calls
 * of that size or smaller allocate nothing. It is therefore not thread-safe; use one instance per
 * calling thread. Products under {@code 2^21} multiply-adds (configurable) run on the calling
 * thread alone, since waking a worker costs more than it saves; with one thread no
 * synchronisation happens at all.
 *
 * <h2>Threading</h2>
 * With T threads C is normally split by rows: thread t owns A's micro-panels
 * {@code [t/T, (t+1)/T)}, packs them and every {@code KC x NC} block of B into its own buffers,
 * and multiplies; the threads share nothing they write, so there is no barrier. Packing all of
 * B per thread repeats an O(k n) pass in each thread, but sharing it costs more on this machine:
 * in the previous design (each thread packed a T-th of every B block into one shared buffer,
 * then a barrier) packing half of B took 75-85 us per thread at 512^3 against 35 us for all of
 * B privately, because each write had to take the cache line back from the other core, which
 * had read it in the previous call. When whole MR-row panels split much less evenly than
 * NR-column panels (more than 5%, e.g. 64 rows are 11 panels), C is split by columns instead: A
 * is packed once by all threads together, then chunks of micro-panel columns, about four per
 * thread, are handed out dynamically, each packing its own columns of B.
 *
 * <p>Measured (JMH, this 2-core Zen 5 VM, mean of 8 x 1 s iterations; the 2-thread FMA ceiling
 * of the VM is 1.86-1.9x one thread): SGEMM 512^3 on two threads 0.856 ms with private B against
 * 0.918 ms with the shared B buffer (1.82x against 1.69x of a 1.55 ms one-thread call);
 * resnet_3x3_28's and resnet_3x3_14's GEMM shapes 1.81x. On a quiet machine two later runs gave
 * 512^3 1.91x and 1.87x (1.457 / 0.761 and 1.466 / 0.786 ms); eight such runs ranged 1.76-1.91x,
 * median 1.86x, the two-thread time steady at 0.74-0.79 ms. In a harness that interleaves one- and
 * two-thread calls, the best two-thread call is 1.99x the best one-thread call; the means depend
 * on whether the second core is free more than on the code (with other builds running, two
 * threads were slower than one). Handing out row chunks dynamically was slower (best call 690 vs
 * 652 us: smaller blocks stream B from L3 more often).
 *
 * <p>Each element is summed in the same order whatever thread computes it (K is never split), so
 * the result is bitwise the same for any thread count.
 *
 * <p>{@code beta == 0} never reads C (it may hold NaN); {@code alpha == 0} or {@code k == 0}
 * never reads A or B, as in the reference BLAS. Rounding: each element is a float dot product
 * of length k, error within {@code gamma(k + 2)} of the magnitudes.
 */
public final class Sgemm {
    /** Default: products smaller than this many multiply-adds run on the calling thread alone. */
    public static final long PARALLEL_MIN_MACS = 1L << 21;

    private final int threads;
    private final long minParallelMacs;
    private final WorkerPool pool;
    private final GemmWorkspace[] ws;
    private final PackedA packed = new PackedA();
    private final Body body = new Body();

    /** A single-threaded instance. */
    public Sgemm() {
        this(1);
    }

    /**
     * @param threads worker threads including the caller, {@code >= 1}
     */
    public Sgemm(int threads) {
        this(threads, PARALLEL_MIN_MACS);
    }

    /**
     * @param threads worker threads including the caller, {@code >= 1}
     * @param minParallelMacs products with fewer multiply-adds ({@code m*n*k}) run on the calling
     *     thread alone; 0 splits every product (default {@link #PARALLEL_MIN_MACS})
     */
    public Sgemm(int threads, long minParallelMacs) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ": must be >= 1");
        }
        if (minParallelMacs < 0) {
            throw new IllegalArgumentException("minParallelMacs = " + minParallelMacs + ": must be >= 0");
        }
        this.minParallelMacs = minParallelMacs;
        this.threads = threads;
        this.pool = threads > 1 ? WorkerPool.shared(threads) : null;
        this.ws = new GemmWorkspace[threads];
        for (int i = 0; i < threads; i++) {
            ws[i] = new GemmWorkspace(0, 0);
        }
    }

    /** @return the thread count */
    public int threads() {
        return threads;
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(A)} is {@code m x k},
     * {@code op(B)} is {@code k x n} and C is {@code m x n}, all row-major. Only the
     * {@code m x n} elements of C are written (the gaps of a leading dimension larger than
     * {@code n} are untouched).
     *
     * @param transA false: A stored {@code m x k} ({@code lda >= k}); true: A stored {@code k x m} ({@code lda >= m})
     * @param transB false: B stored {@code k x n} ({@code ldb >= n}); true: B stored {@code n x k} ({@code ldb >= k})
     * @param m rows of C
     * @param n columns of C
     * @param k inner dimension
     * @param alpha scale of the product
     * @param a A's array
     * @param aOff index of A's first element
     * @param lda A's row stride
     * @param b B's array
     * @param bOff index of B's first element
     * @param ldb B's row stride
     * @param beta scale of C's old value; 0 means C is not read
     * @param c C's array
     * @param cOff index of C's first element
     * @param ldc C's row stride, {@code >= n}
     * @throws IllegalArgumentException on a negative size, too small a stride or array, before any write
     */
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float beta, float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("m, n, k = " + m + ", " + n + ", " + k + ": must be >= 0");
        }
        if (ldc < Math.max(1, n)) {
            throw new IllegalArgumentException("ldc = " + ldc + ": must be >= max(1, n) = " + Math.max(1, n));
        }
        Gemm.checkMatrix("c", c, cOff, m, n, ldc);
        boolean useAB = alpha != 0f && k > 0;
        if (useAB) {
            PackedA.checkA(m, k, a, aOff, lda, transA);
            int sr = transB ? n : k;
            int sc = transB ? k : n;
            if (ldb < Math.max(1, sc)) {
                throw new IllegalArgumentException("ldb = " + ldb + ": must be >= max(1, " + (transB ? "k" : "n") + ") = "
                        + Math.max(1, sc) + (transB ? " (B stored transposed, n x k)" : " (B stored k x n)"));
            }
            Gemm.checkMatrix("b", b, bOff, sr, sc, ldb);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (!useAB) {
            scale(c, cOff, ldc, 0, m, 0, n, beta);
            return;
        }
        Body t = body;
        t.m = m;
        t.n = n;
        t.alpha = alpha;
        t.a = a;
        t.aOff = aOff;
        t.lda = lda;
        t.transA = transA;
        t.b = b;
        t.bOff = bOff;
        t.ldb = ldb;
        t.transB = transB;
        t.beta = beta;
        t.c = c;
        t.cOff = cOff;
        t.ldc = ldc;
        // below about 2M multiply-adds (~20 us on one core) waking a second thread costs more than it saves
        boolean alone = threads == 1 || (long) m * n * k < minParallelMacs;
        t.byRowShares = !alone && byRows(m, n, threads);
        if (t.byRowShares) {
            packed.prepare(m, k);
            pool.parallelFor(threads, t);
        } else {
            if (alone) {
                packed.repack(m, k, alpha, a, aOff, lda, transA);
            } else {
                // packing A is O(m k) of an O(m n k) call: the threads split it too, in the same
                // parallel call as the product (one wake-up per call, not two)
                packed.prepare(m, k);
            }
            columnsOrChunks(t, alone);
        }
        t.a = null;
        t.b = null;
        t.c = null;
    }

    /** The column split (or, alone, the whole product) of the call set up in {@code t}. */
    private void columnsOrChunks(Body t, boolean alone) {
        int m = t.m;
        int n = t.n;
        int colUnits = (n + Gemm.NR - 1) / Gemm.NR;
        int rowUnits = (m + Gemm.MR - 1) / Gemm.MR;
        // columns keep each chunk's B packing private; rows when there are too few columns
        t.byColumns = colUnits >= 2 * threads || colUnits >= rowUnits;
        int units = t.byColumns ? colUnits : rowUnits;
        if (alone || units == 1) {
            if (!alone) {
                packed.packRange(0, packed.panels(), t.alpha, t.a, t.aOff, t.lda, t.transA);
            }
            t.chunk(0, units, ws[0]);
        } else {
            // several chunks per thread, handed out dynamically: a thread slowed down by another
            // process (or by a slower part of C) takes fewer, so both finish together
            t.per = Math.max(1, units / (4 * threads));
            t.chunks = (units + t.per - 1) / t.per;
            t.units = units;
            t.next.set(0);
            t.packedParts.set(0);
            pool.parallelFor(threads, t);
        }
    }

    /**
     * Whether to split C into one row share per thread rather than by columns: rows unless
     * their split is more than 5% less even than the columns' (whole MR-row panels against whole
     * NR-column panels, e.g. 64 rows are 11 panels, 6 of which make the slower half).
     */
    static boolean byRows(int m, int n, int threads) {
        int panels = (m + Gemm.MR - 1) / Gemm.MR;
        int colUnits = (n + Gemm.NR - 1) / Gemm.NR;
        if (panels < threads) {
            return false;
        }
        // largest share over the ideal share, for rows and for columns
        double rows = (double) ((panels + threads - 1) / threads) * Gemm.MR * threads / m;
        double cols = (double) ((colUnits + threads - 1) / threads) * Gemm.NR * threads / n;
        return rows <= cols * 1.05;
    }

    /** {@code C[rows i0..i1, cols j0..j1] *= beta} (0 writes zeros without reading). */
    private static void scale(float[] c, int cOff, int ldc, int i0, int i1, int j0, int j1, float beta) {
        if (beta == 1f) {
            return;
        }
        for (int i = i0; i < i1; i++) {
            int o = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, o + j0, o + j1, 0f);
            } else {
                for (int j = j0; j < j1; j++) {
                    c[o + j] *= beta;
                }
            }
        }
    }

    /** The per-call loop body: fields set by {@link #sgemm} before the parallel loop (no allocation). */
    private final class Body implements ParallelBody {
        int m;
        int n;
        float[] b;
        int bOff;
        int ldb;
        boolean transB;
        float beta;
        float[] c;
        int cOff;
        int ldc;
        boolean byColumns;
        /** The row split: each worker packs its own A panels and all of B (see the class comment). */
        boolean byRowShares;

        int per;
        int chunks;
        int units;
        final AtomicInteger next = new AtomicInteger();
        float alpha;
        float[] a;
        int aOff;
        int lda;
        boolean transA;
        final AtomicInteger packedParts = new AtomicInteger();

        @Override
        public void run(int begin, int end, int worker) {
            if (byRowShares) {
                rowShare(begin, end, ws[worker]);
                return;
            }
            GemmWorkspace w = ws[worker];
            // items are the threads' shares of A's panels; every chunk needs all of A, so wait
            // for the other shares (a pool that runs the body inline passes all of them at once)
            int panels = packed.panels();
            for (int part = begin; part < end; part++) {
                packed.packRange(WorkerPool.rangeStart(part, panels, threads),
                        WorkerPool.rangeStart(part + 1, panels, threads), alpha, a, aOff, lda, transA);
            }
            packedParts.addAndGet(end - begin);
            // spin briefly, then yield: on a loaded machine the thread we wait for may need this CPU
            for (int spins = 0; packedParts.get() < threads; spins++) {
                if (spins < 2_000) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            for (int u = next.getAndIncrement(); u < chunks; u = next.getAndIncrement()) {
                chunk(u * per, Math.min(units, (u + 1) * per), w);
            }
        }

        /**
         * Worker shares {@code [begin, end)} of the rows (A panels {@code [begin/T, end/T)}): packs
         * those panels of A, and every {@code KC x NC} block of B into the worker's own workspace,
         * and multiplies. Nothing is shared but the read-only operands, so there is no barrier.
         */
        private void rowShare(int begin, int end, GemmWorkspace w) {
            PackedA pa = packed;
            int panels = pa.panels();
            int ip0 = WorkerPool.rangeStart(begin, panels, threads);
            int ip1 = WorkerPool.rangeStart(end, panels, threads);
            int r0 = ip0 * Gemm.MR;
            int r1 = Math.min(m, ip1 * Gemm.MR);
            if (r0 >= r1) {
                return;
            }
            pa.packRange(ip0, ip1, alpha, a, aOff, lda, transA);
            boolean accumulate = beta != 0f;
            if (accumulate) {
                scale(c, cOff, ldc, r0, r1, 0, n, beta);
            }
            Gemm.multiply(pa, r0, r1, n, b, bOff, ldb, transB, c, cOff, ldc, accumulate, null, 0, false, w);
        }

        /** Columns (or rows) of units {@code [begin, end)}: every element summed in the same order whatever the chunking. */
        void chunk(int begin, int end, GemmWorkspace w) {
            boolean accumulate = beta != 0f;
            if (byColumns) {
                int j0 = begin * Gemm.NR;
                int j1 = Math.min(n, end * Gemm.NR);
                if (accumulate) {
                    scale(c, cOff, ldc, 0, m, j0, j1, beta);
                }
                int bo = transB ? bOff + j0 * ldb : bOff + j0;
                Gemm.multiply(packed, 0, m, j1 - j0, b, bo, ldb, transB, c, cOff + j0, ldc, accumulate,
                        null, 0, false, w);
            } else {
                int i0 = begin * Gemm.MR;
                int i1 = Math.min(m, end * Gemm.MR);
                if (accumulate) {
                    scale(c, cOff, ldc, i0, i1, 0, n, beta);
                }
                Gemm.multiply(packed, i0, i1, n, b, bOff, ldb, transB, c, cOff, ldc, accumulate,
                        null, 0, false, w);
            }
        }
    }
}
