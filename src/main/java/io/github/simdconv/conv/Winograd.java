package io.github.simdconv.conv;

import io.github.simdconv.gemm.Gemm;
import io.github.simdconv.parallel.ParallelBody;
import io.github.simdconv.parallel.PartClaims;
import io.github.simdconv.parallel.WorkerPool;
import io.github.simdconv.simd.Simd;
import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.ConvSpec;

/**
 * Winograd minimal filtering F(m x m, 3 x 3) for m = 2, 4, 6 ({@code "winograd2"},
 * {@code "winograd4"}, {@code "winograd6"}; Lavin and Gray, 2016). Each (m+2) x (m+2) input tile
 * is transformed ({@code V = B^T d B}), multiplied element-wise with the transformed weights
 * ({@code U = G g G^T}, once at plan time) and summed over input channels, which is
 * {@code (m+2)^2} independent GEMMs {@code M[xi] = U[xi] (K x C) * V[xi] (C x tiles)}; then
 * {@code Y = A^T M A} gives an m x m output tile, written with bias and ReLU fused.
 *
 * <p>It does 2.25x (m=2), 4x (m=4) and 5.06x (m=6) fewer multiplications than direct 3x3
 * convolution, so on layers with many channels it runs above the machine's FMA peak in
 * "effective" GFLOP/s. It pays when the image holds many tiles and C, K are large; on tiny
 * images (7x7) most of a tile is wasted on padding. Its rounding error is larger than a plain
 * dot product's by the growth of the transforms (worst errors about 0.5x, 5x and 15x those of a
 * float32 direct sum for m = 2, 4, 6 at 64+ channels: docs/winograd.md); {@link #accurateFor}
 * says when F(6x6) should be avoided.
 *
 * <p>Supports 3x3 kernels, stride 1, dilation 1, any (asymmetric) padding, groups, bias and
 * ReLU. Tiles of all images form one sequence split into blocks (sized so the transformed
 * weights, streamed once per block, are reused over many tiles; at least one block per thread)
 * that start on whole vectors of tiles, so only the last vector of a part computes padding lanes.
 * On several threads the tiles are first cut into one contiguous part per worker, each cut into
 * the same number of blocks: a worker keeps the same images from call to call (its input read and
 * output written stay in its own caches), and transforms each of its blocks itself, into its own
 * scratch (allocated at plan time, one object per worker so its arrays lie together in memory,
 * padded so two workers' arrays share no cache line): no serial phase and no barrier. A worker
 * that finishes its part takes the other parts' remaining blocks from their back ends, so a
 * worker the OS delays does not hold up the call by its whole share.
 * When the tiles make a single block (resnet_3x3_14: 16 tiles), the workers share it: they claim
 * channel parts of its input transform into one transformed input, meet at a barrier, then claim
 * output-channel chunks of its GEMMs and output transform (before, each worker transformed the
 * whole input for its chunk). Every tile goes through the same per-lane transform operations and
 * every GEMM output is one FMA chain over the input channels whichever block, chunk or worker
 * holds it, so results are bitwise the same for any thread count.
 *
 * <p>Speed: the GEMMs run on this class's own
 * register-tile kernels ({@code VectorWinogradGemm}: U packed at plan time in 6- or 12-row panels,
 * V read where the input transform wrote it, so there is no B packing pass; 12 rows when a block
 * holds only 1-2 vectors of tiles); F(2x2)/F(4x4) patches are contiguous row copies deinterleaved by
 * lane shuffles and the output tiles are interleaved back and written as contiguous rows, instead of
 * masked gathers and scatters; the row copies, their zero padding and the edge columns are listed
 * once per block (they are the same for every channel) and copied by whole vectors, not one
 * arraycopy call per row. JMH suite of the fifth session, one thread, ms (effective GFLOP/s,
 * % of the 220 GFLOP/s FMA peak; faster than im2col and direct in the same run by): resnet_3x3_56
 * 0.586 (395, 179%; 2.3x, 2.1x), resnet_3x3_28 0.691 (335, 152%; 1.8x, 1.7x), resnet_3x3_14 0.693
 * (334, 152%; 2.0x, 1.8x), vgg_3x3_224 10.2 (362, 164%; 2.8x, 2.0x). resnet_3x3_28_b8: 4.08 ms on
 * one thread, 2.75 ms on two (1.49x). The copy lists (sixth session) cut b8's one-thread call by
 * 15% in-process (4.5-4.6 to 3.8-3.9 ms); the sixth session's suite ran in a slow state of the
 * machine (unchanged algorithms 5-30% slower). docs/winograd.md has the runs.
 */
public final class Winograd implements ConvAlgorithm {
    /** F(2x2, 3x3). */
    public static final Winograd F2 = new Winograd(WinogradTransform.F2);
    /** F(4x4, 3x3). */
    public static final Winograd F4 = new Winograd(WinogradTransform.F4);
    /** F(6x6, 3x3). */
    public static final Winograd F6 = new Winograd(WinogradTransform.F6);

    /**
     * Bytes of transformed input a block aims for: Zen 5's 1 MiB L2. Wider blocks reuse the
     * transformed weights (a2 x K x C floats, 2.4 MB at C = K = 128, streamed once per block)
     * over more tiles, narrower ones keep more of V and M in L2. With this class's own GEMM
     * kernels, before blocks were cut on whole vectors (fourth session), resnet_3x3_28_b8
     * (in-process, best of 300 calls): 2 MiB (4 blocks of 98 tiles)
     * 5.36 ms on one thread, 2.92 ms on two; 1 MiB (8 blocks of 49) 5.55 and 2.69 ms; 512 KiB
     * (14 blocks of 28) 4.99 and 2.69 ms. Batch-1 ResNet and VGG layers get the same blocks with
     * 1 and 2 MiB. (With the project GEMM, 128-tile blocks had been best: docs/winograd.md.)
     */
    private static final int BLOCK_BYTES = 1024 * 1024;
    /**
     * Granularity of the target block width and the fewest tiles per worker for a tile part of its
     * own: 32 tiles (the project GEMM's NR in scalar mode). 64-tile steps would leave one 28x28
     * image (49 tiles) a single block, which two threads could only split by output channels (both
     * transforming the whole input). The blocks themselves are cut on whole vectors of tiles.
     */
    private static final int BLOCK_UNIT = Math.min(Gemm.NR, 32);
    /** Largest block width in tiles. */
    private static final int MAX_BLOCK = 128;
    /**
     * Diagnostics: with {@code -Dsimdconv.winograd.profile=true} each work item adds its input
     * transform, GEMM and output transform nanoseconds to {@link #PHASE_NANOS}
     * ({@code [worker * 16 + phase]}: 128 bytes per worker, so two workers share no cache line;
     * at most 8 workers). Off, the JIT removes the timing.
     */
    static final boolean PROF = Boolean.getBoolean("simdconv.winograd.profile");
    static final long[] PHASE_NANOS = new long[128];
    /**
     * Largest input channels per group for which F(6x6) is considered accurate enough. On
     * U(-1,1) data its normwise relative error is 5e-6 at 8 channels, 1.1e-5 at 64 and 1.2-1.8e-5
     * from 128 on, while F(4x4) stays at or below 1.0e-5 up to 512 channels and F(2x2) below
     * 1e-6 (docs/winograd.md): beyond 64 channels F(6x6) is worse than the worst case we accept
     * from F(4x4).
     */
    static final int F6_MAX_ACCURATE_CHANNELS = 64;
    /**
     * Diagnostics: {@code -Dsimdconv.winograd.staticsplit=true} restores the work split of the
     * second session (a static partition of (group, block, chunk) items, no claiming, no shared
     * block; a block split by output channels is input-transformed in full by every worker that
     * holds a chunk) over this session's blocks, for A/B runs; read at plan time.
     */
    static boolean staticSplit() {
        return Boolean.getBoolean("simdconv.winograd.staticsplit");
    }
    /** Ints of padding per worker slot of the small per-worker arrays (two cache lines). */
    private static final int PAD = 32;
    /** Slots of {@code Plan.sync}, each on its own cache line. */
    private static final int CLAIM = 16;
    private static final int CLAIM_A = 48;
    private static final int DONE_A = 80;
    private static final int FAILED = 112;
    /** Floats between two transform positions' planes of V and of M beyond their rows: a cache line. */
    private static final int PLANE_PAD = 16;

    /** A per-worker scratch length with a tail, so two workers' arrays share no cache line. */
    static int pad(int n) {
        return n + PAD;
    }

    private final WinogradTransform tf;
    private final String name;

    private Winograd(WinogradTransform tf) {
        this.tf = tf;
        this.name = "winograd" + tf.m;
    }

    /** @return the transform matrices of this variant */
    public WinogradTransform transform() {
        return tf;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Support supports(ConvSpec s) {
        if (s.kernelH() != 3 || s.kernelW() != 3) {
            return Support.no("kernel must be 3x3, is " + s.kernelH() + "x" + s.kernelW());
        }
        if (s.strideH() != 1 || s.strideW() != 1) {
            return Support.no("stride must be 1, is " + s.strideH() + "," + s.strideW());
        }
        if (s.dilationH() != 1 || s.dilationW() != 1) {
            return Support.no("dilation must be 1, is " + s.dilationH() + "," + s.dilationW());
        }
        return Support.yes();
    }

    /**
     * Whether this variant's float32 rounding error is acceptable for a spec: F(2x2) and F(4x4)
     * always (normwise relative error at most ~1e-5 up to 512 channels), F(6x6) only up to
     * {@value #F6_MAX_ACCURATE_CHANNELS} input channels per group. {@code AUTO} should not
     * pick a variant that is not accurate for the spec.
     *
     * @param s the geometry
     * @return true if supported and accurate enough
     */
    public boolean accurateFor(ConvSpec s) {
        return supports(s).supported() && (tf.m < 6 || s.inChannelsPerGroup() <= F6_MAX_ACCURATE_CHANNELS);
    }

    @Override
    public ConvPlan plan(ConvSpec spec, float[] weights, float[] bias, int threads) {
        ConvArgs.checkPlan(this, spec, weights, bias, threads);
        WinogradKernels kernels = Simd.vectorEnabled() ? VectorKernelsHolder.get() : ScalarWinogradKernels.INSTANCE;
        return new Plan(this, spec, weights, bias, threads, kernels);
    }

    /** Keeps the vector class unreferenced until the vector path is chosen. */
    private static final class VectorKernelsHolder {
        static WinogradKernels get() {
            return VectorWinogradKernels.INSTANCE;
        }
    }

    /**
     * One worker's scratch arrays. Each worker gets one object, so its arrays are allocated one
     * after another, and a collection that moves them reaches them through this object only, so it
     * keeps them together. Held as one array per kind with a slot per worker, the two workers'
     * arrays alternated in memory (a collection moves one kind's arrays together), and two-thread
     * calls were measurably slower than two independent one-thread plans of half the batch each
     * (docs/winograd.md, "Eighth session"). Lengths are padded ({@link Winograd#pad}) so no two
     * workers' arrays share a cache line.
     */
    private static final class Scratch {
        /** The input transform's intermediates (alpha x alpha per tile). */
        final float[] d;
        final float[] w1;
        /** V: one plane per transform position (C x block), or empty when the workers share one. */
        final float[] v;
        /**
         * M: one plane per transform position (K x block), plus room for a last panel's rows past
         * K: the GEMM kernels store whole panels (those rows land in the plane's pad and the next
         * position's first rows, which are either computed after them or not read).
         */
        final float[] mm;
        /** The output transform's intermediates. */
        final float[] z;
        final float[] y;
        /** Per tile of the block: input offset of its patch, output offset of its tile. */
        final int[] inBase;
        final int[] outBase;
        /** Per lane group of the block and patch row/column: which tiles have it inside the image. */
        final int[] inMin;
        final int[] inMax;
        final int[] outMin;
        final int[] outMax;
        /** The input rows a block needs, one channel at a time, with a margin. */
        final float[] stage;
        final int[] breaks;
        /** Patch row i of tile t, column j at {@code rows[i * rowStride + m * t + j]} (j < m). */
        final float[] rows;
        /** Per run of horizontally adjacent tiles of the block: first tile, count, image, top row, left column. */
        final int[] segT;
        final int[] segN;
        final int[] segImg;
        final int[] segY;
        final int[] segX;
        /**
         * The block's {@link Plan#linearGather} work, the same for every channel: row copies (source
         * offset in the input for channel 0, to which each channel adds its plane; destination in
         * {@link #rows}; length; the zeros around them are written once per block) and the columns
         * m..alpha-1 of each run's last tile (source offset as before, or -1 for a zero; destination
         * in D).
         */
        final int[] copySrc;
        final int[] copyDst;
        final int[] copyLen;
        final int[] edgeSrc;
        final int[] edgeDst;
        /** {@link Plan#linearScatter}'s row copies: offset in {@link #rows}, offset in the output for channel 0, length. */
        final int[] outCopySrc;
        final int[] outCopyDst;
        final int[] outCopyLen;
        /** Per lane group and patch (tile) row/column: which tiles have it inside the image, as bit masks for the gather (scatter). */
        final long[] inRows;
        final long[] inCols;
        final long[] outRows;
        final long[] outCols;

        /** Lengths before padding; {@code vLen} -1 for none. */
        Scratch(int dLen, int vLen, int mLen, int zLen, int yLen, int block, int laneGroups, int stageLen,
                int rowsLen, int runRows, int edges, int outCopies, int inMasks, int outMasks) {
            d = new float[pad(dLen)];
            w1 = new float[pad(dLen)];
            v = vLen < 0 ? new float[0] : new float[pad(vLen)];
            mm = new float[pad(mLen)];
            z = new float[pad(zLen)];
            y = new float[pad(yLen)];
            inBase = new int[pad(block)];
            outBase = new int[pad(block)];
            inMin = new int[pad(laneGroups)];
            inMax = new int[pad(laneGroups)];
            outMin = new int[pad(laneGroups)];
            outMax = new int[pad(laneGroups)];
            stage = new float[pad(stageLen)];
            breaks = new int[pad(block)];
            rows = new float[pad(rowsLen)];
            segT = new int[pad(block)];
            segN = new int[pad(block)];
            segImg = new int[pad(block)];
            segY = new int[pad(block)];
            segX = new int[pad(block)];
            copySrc = new int[pad(runRows)];
            copyDst = new int[pad(runRows)];
            copyLen = new int[pad(runRows)];
            edgeSrc = new int[pad(edges)];
            edgeDst = new int[pad(edges)];
            outCopySrc = new int[pad(outCopies)];
            outCopyDst = new int[pad(outCopies)];
            outCopyLen = new int[pad(outCopies)];
            inRows = new long[pad(inMasks)];
            inCols = new long[pad(inMasks)];
            outRows = new long[pad(outMasks)];
            outCols = new long[pad(outMasks)];
        }
    }

    /** A planned Winograd convolution. */
    private static final class Plan implements ConvPlan, ParallelBody {
        private final String name;
        private final ConvSpec spec;
        private final WinogradKernels kern;
        private final WorkerPool pool;
        private final int m;
        private final int alpha;
        private final int a2;
        private final int cpg;
        private final int kpg;
        private final int groups;
        private final int inH;
        private final int inW;
        private final int outH;
        private final int outW;
        private final int padTop;
        private final int padLeft;
        private final int tilesW;
        private final int tilesPerImage;
        private final int totalTiles;
        private final int block;
        private final int blocks;
        /** Tiles per vector of the transforms and GEMMs ({@code kern.widthUnit()}). */
        private final int wu;
        /** Contiguous tile ranges cut into blocks separately: one per worker, or 1. */
        private final int tileParts;
        /** Floats from one transform position's plane of V, and of M, to the next. */
        private final int vPlane;
        private final int mPlane;
        private final int panels;
        private final int chunks;
        private final int chunkPanels;
        private final boolean relu;
        private final float[] bias;
        private final int threads;
        /**
         * One block split between the workers: they transform disjoint channel parts of its input
         * into {@link #vShared}, meet at a barrier, then claim output-channel chunks (instead of
         * each transforming the whole input).
         */
        private final boolean shared;
        /**
         * Whole (block, group) items in one contiguous part per worker: each worker takes its
         * own part's items from the front, then the other parts' remaining items from their back
         * ends (a worker the OS delays leaves the rest of its part to the others).
         */
        private final boolean dynamic;
        /** One part of the (block, group) items per worker. */
        private final PartClaims claims;
        /** Channel parts of the shared input transform. */
        private final int partsA;
        /** The transformed input of the single block in {@link #shared} mode. */
        private final float[] vShared;
        /** Claim and done counters of one call, each on its own cache line (see {@link #CLAIM}). */
        private final java.util.concurrent.atomic.AtomicIntegerArray sync =
                new java.util.concurrent.atomic.AtomicIntegerArray(144);
        /** Rows of a U panel (the GEMM kernels' register-tile height). */
        private final int mr;
        /**
         * Transformed weights per group: U[xi] (K x C) in panels of {@code mr} rows,
         * {@code u[gr][((xi * panels + p) * cpg + c) * mr + r]} = U[xi][p * mr + r][c], 0 past K.
         */
        private final float[][] u;
        /** Per worker: its scratch arrays, allocated together ({@link Scratch}). */
        private final Scratch[] scratch;
        /** Margin of {@link Scratch#stage} before and after the staged rows. */
        private final int stageMargin;
        /** Per worker: first staged input row, staged rows, image of the block or -1 if it spans images. */
        private final int[] stageY;
        private final int[] stageRows;
        private final int[] stageImage;
        /** Per worker: entries of {@link Scratch#breaks}. */
        private final int[] nBreaks;
        /** Whether the input patches are copied row by row and deinterleaved instead of gathered. */
        private final boolean linear;
        /** Floats from one patch row to the next in {@link Scratch#rows}. */
        private final int rowStride;
        /** Per worker: entries of {@link Scratch#copySrc}, {@link Scratch#edgeSrc} and {@link Scratch#outCopySrc}. */
        private final int[] nCopies;
        private final int[] nEdges;
        private final int[] nOutCopies;
        // arguments of the current execute call
        private float[] in;
        private int inOff;
        private float[] out;
        private int outOff;

        Plan(Winograd alg, ConvSpec s, float[] weights, float[] bias, int threads, WinogradKernels kern) {
            WinogradTransform tf = alg.tf;
            this.name = alg.name;
            this.spec = s;
            this.kern = kern;
            this.pool = WorkerPool.shared(threads);
            this.m = tf.m;
            this.alpha = tf.alpha;
            this.a2 = alpha * alpha;
            this.cpg = s.inChannelsPerGroup();
            this.kpg = s.outChannelsPerGroup();
            this.groups = s.groups();
            this.inH = s.inHeight();
            this.inW = s.inWidth();
            this.outH = s.outHeight();
            this.outW = s.outWidth();
            this.padTop = s.padTop();
            this.padLeft = s.padLeft();
            this.relu = s.activation() == Activation.RELU;
            this.bias = s.hasBias() ? bias.clone() : new float[s.outChannels()];
            int tilesH = (outH + m - 1) / m;
            this.tilesW = (outW + m - 1) / m;
            this.tilesPerImage = tilesH * tilesW;
            long tt = (long) s.batch() * tilesPerImage;
            if (tt > Integer.MAX_VALUE / 2) {
                throw new IllegalArgumentException("tiles = " + tt + ": too many for one plan");
            }
            this.totalTiles = (int) tt;
            int nr = BLOCK_UNIT;
            // target block width: transformed input a2 x C x block floats in about BLOCK_BYTES,
            // rounded to the nearest BLOCK_UNIT multiple; then the fewest blocks of that width (cut
            // below into near-equal counts of whole vectors, so blocks cost about the same)
            int fit = (int) Math.max(1, BLOCK_BYTES / (4L * a2 * cpg));
            int b = Math.max(nr, Math.min(MAX_BLOCK, (fit + nr / 2) / nr * nr));
            b = Math.min(b, (totalTiles + nr - 1) / nr * nr);
            // at least one block per thread, if the tiles fill that many BLOCK_UNIT-wide panels: a
            // worker with a whole block of its own needs no output-channel split, which would make
            // two workers transform the same input. The blocks may depend on the thread count:
            // every tile goes through the same per-lane operations and every GEMM output is one FMA
            // chain over the channels, whichever block holds the tile, so the bits do not. One
            // thread keeps one block where the tiles fit it (resnet_3x3_28: 49 tiles, 0.61 ms as
            // one block, 0.66 ms as two, which read the transformed weights twice).
            int minBlocks = Math.min(threads, (totalTiles + nr - 1) / nr);
            int nb = Math.max(minBlocks, (totalTiles + b - 1) / b);
            // a multiple of the thread count where the tiles fill that many units, so no block is
            // split between workers by output channels (both would transform its input)
            int even = (nb + threads - 1) / threads * threads;
            if (even <= (totalTiles + nr - 1) / nr) {
                nb = even;
            }
            // blocks start on whole vectors of tiles: a block's transforms and GEMMs run over
            // whole vectors, so near-equal tile counts (49 and 56 tiles in 64-lane blocks on
            // resnet_3x3_28_b8) would compute 14-31% padding lanes; near-equal vector counts
            // leave padding only in the last vector of each tile part
            this.wu = kern.widthUnit();
            // on several threads with tiles for a block each, the tiles are first cut into one
            // contiguous part per worker, each cut into the same number of blocks: a worker keeps
            // the same images (input read, output written) from call to call, in its own caches
            this.tileParts = threads > 1 && totalTiles >= threads * nr ? threads : 1;
            int partTiles = (totalTiles + tileParts - 1) / tileParts;
            int partUnits = (partTiles + wu - 1) / wu;
            int fewestUnits = (totalTiles / tileParts + wu - 1) / wu;
            int perPart = Math.max(1, Math.min(fewestUnits, (nb + tileParts - 1) / tileParts));
            this.blocks = tileParts * perPart;
            int perBlock = (partUnits + perPart - 1) / perPart * wu;
            this.block = perBlock;
            this.mr = kern.panelRows(perBlock);
            this.panels = (kpg + mr - 1) / mr;
            this.threads = threads;
            boolean legacy = staticSplit();
            this.shared = !legacy && threads > 1 && groups * blocks == 1 && panels > 1;
            int ch = chunksFor(groups * blocks, panels, threads);
            if (shared) {
                // several chunks per worker, claimed from a counter: a worker that the OS delays
                // leaves the rest of its share to the others
                ch = Math.min(panels, 4 * threads);
            }
            this.chunkPanels = (panels + ch - 1) / ch;
            this.chunks = (panels + chunkPanels - 1) / chunkPanels;
            this.dynamic = !legacy && !shared && threads > 1 && chunks == 1;
            this.claims = new PartClaims(threads);
            this.partsA = Math.min(cpg, 4 * threads);
            this.u = transformWeights(tf, s, weights);
            // one transform position's plane of V (C x block) and of M (K x block), plus a
            // cache line: planes a power of two apart (C = 128, 64-tile blocks: 32 KiB) would
            // all map to the same cache sets, and a transform pass writes or reads all 36
            this.vPlane = cpg * block + PLANE_PAD;
            this.mPlane = kpg * block + PLANE_PAD;
            vShared = new float[shared ? pad(a2 * vPlane) : 0];
            int laneGroups = (block + kern.groupLanes() - 1) / kern.groupLanes();
            // the tiles of a block span at most ceil(block / tilesW) + 1 tile rows
            int maxRows = Math.min(inH, ((block + tilesW - 1) / tilesW + 1) * m + alpha);
            stageMargin = alpha * inW + alpha;
            stageY = new int[threads * PAD];
            stageRows = new int[threads * PAD];
            stageImage = new int[threads * PAD];
            nBreaks = new int[threads * PAD];
            linear = kern.linearGather(m);
            rowStride = m * block + alpha + kern.widthUnit();
            int runRows = linear ? alpha * block : 0;
            nCopies = new int[threads * PAD];
            nEdges = new int[threads * PAD];
            nOutCopies = new int[threads * PAD];
            // one worker's arrays after another's, each worker's in the same order as on one thread
            scratch = new Scratch[threads];
            for (int t = 0; t < threads; t++) {
                scratch[t] = new Scratch(a2 * block, shared ? -1 : a2 * vPlane, a2 * mPlane + mr * block,
                        alpha * m * block, m * m * block, block, laneGroups, 2 * stageMargin + maxRows * inW,
                        linear ? alpha * rowStride : 0, runRows, runRows * (alpha - m), linear ? m * block : 0,
                        laneGroups * alpha, laneGroups * m);
            }
        }

        /**
         * Output-channel chunks per (group, block): 1 on one thread; otherwise the fewest that
         * give every worker the same number of work items, or at least 8 items per worker (a
         * block split between two workers is input-transformed by both, a small cost next to its
         * GEMMs). A row's sum is the same whichever rows share its call. Used by the static split
         * (several blocks whose count does not divide evenly, or {@code simdconv.winograd.staticsplit});
         * a single shared block takes {@code 4 * threads} chunks instead.
         */
        static int chunksFor(int items, int panels, int threads) {
            if (threads == 1) {
                return 1;
            }
            for (int c = 1; c < panels; c++) {
                long n = (long) items * c;
                if (n % threads == 0 || n >= 8L * threads) {
                    return c;
                }
            }
            return Math.max(1, panels);
        }

        /**
         * First tile of block {@code blk}: the tiles are cut into {@link #tileParts} near-equal
         * contiguous parts, and each part into blocks of near-equal counts of whole vectors
         * ({@link #wu} tiles; only a part's last vector may be partial).
         */
        private int blockStart(int blk) {
            int bpp = blocks / tileParts;
            int part = blk / bpp;
            if (part == tileParts) {
                return totalTiles;
            }
            int i = blk - part * bpp;
            int ps = WorkerPool.rangeStart(part, totalTiles, tileParts);
            int len = WorkerPool.rangeStart(part + 1, totalTiles, tileParts) - ps;
            int units = (len + wu - 1) / wu;
            int fromEnd = WorkerPool.rangeStart(bpp - i, units, bpp);
            return ps + Math.min(len, (units - fromEnd) * wu);
        }

        /** U[xi] = (G g G^T)[xi] in double, rounded once, stored in {@code mr}-row panels. */
        private float[][] transformWeights(WinogradTransform tf, ConvSpec s, float[] w) {
            float[][] packed = new float[groups][a2 * panels * cpg * mr];
            double[][] gm = tf.g;
            double[] tmp = new double[alpha * 3];
            for (int gr = 0; gr < groups; gr++) {
                for (int k = 0; k < kpg; k++) {
                    for (int c = 0; c < cpg; c++) {
                        int wo = (((gr * kpg + k) * cpg + c) * 9);
                        // tmp = G g (alpha x 3)
                        for (int i = 0; i < alpha; i++) {
                            for (int j = 0; j < 3; j++) {
                                double acc = 0;
                                for (int q = 0; q < 3; q++) {
                                    acc += gm[i][q] * w[wo + q * 3 + j];
                                }
                                tmp[i * 3 + j] = acc;
                            }
                        }
                        for (int i = 0; i < alpha; i++) {
                            for (int j = 0; j < alpha; j++) {
                                double acc = 0;
                                for (int q = 0; q < 3; q++) {
                                    acc += tmp[i * 3 + q] * gm[j][q];
                                }
                                int xi = i * alpha + j;
                                packed[gr][((xi * panels + k / mr) * cpg + c) * mr + k % mr] = (float) acc;
                            }
                        }
                    }
                }
            }
            return packed;
        }

        @Override
        public ConvSpec spec() {
            return spec;
        }

        @Override
        public String algorithm() {
            return name;
        }

        @Override
        public void execute(float[] input, int inOff, float[] output, int outOff) {
            ConvArgs.checkExecute(spec, input, inOff, output, outOff);
            this.in = input;
            this.inOff = inOff;
            this.out = output;
            this.outOff = outOff;
            try {
                if (dynamic) {
                    claims.reset(groups * blocks);
                    pool.parallelFor(threads, this);
                } else if (shared) {
                    sync.set(CLAIM, 0);
                    sync.set(CLAIM_A, 0);
                    sync.set(DONE_A, 0);
                    sync.set(FAILED, 0);
                    pool.parallelFor(threads, this);
                } else {
                    pool.parallelFor(groups * blocks * chunks, this);
                }
            } finally {
                this.in = null;
                this.out = null;
            }
        }

        @Override
        public void run(int begin, int end, int worker) {
            if (shared) {
                runShared(worker);
                return;
            }
            if (dynamic) {
                // parts [begin, end) are this worker's (all of them when the pool runs the call
                // on one thread); an item's result does not depend on who computes it
                for (int cursor = 0; cursor < threads; cursor++) {
                    int q = (begin + cursor) % threads;
                    boolean own = cursor < end - begin;
                    for (int item = claims.claim(q, own); item >= 0; item = claims.claim(q, own)) {
                        block(worker, item % groups * blocks + item / groups, 0, panels);
                    }
                }
                return;
            }
            int item = begin;
            while (item < end) {
                // this worker's consecutive chunks of one (group, block) form one row range: the
                // input is transformed once and each GEMM packs its B operand once
                int rest = item / chunks;
                int last = Math.min(end, (rest + 1) * chunks) - 1;
                int p0 = item % chunks * chunkPanels;
                int p1 = Math.min(panels, (last % chunks + 1) * chunkPanels);
                item = last + 1;
                if (p1 > p0) {
                    block(worker, rest, p0, p1);
                }
            }
        }

        /** Item {@code rest} = (group, block): its input transform, then GEMM rows of panels {@code [p0, p1)} and their output. */
        private void block(int worker, int rest, int p0, int p1) {
            Scratch sc = scratch[worker];
            int blk = rest % blocks;
            int gr = rest / blocks;
            int t0 = blockStart(blk);
            int nt = blockStart(blk + 1) - t0;
            int width = (nt + wu - 1) / wu * wu;
            long q0 = PROF ? System.nanoTime() : 0;
            tiles(worker, t0, nt);
            inputTransform(worker, gr, nt, width, 0, cpg, sc.v);
            long q1 = PROF ? System.nanoTime() : 0;
            multiplyAndOutput(worker, gr, sc.v, p0, p1, nt, width);
            if (PROF && worker < 8) {
                PHASE_NANOS[worker * 16] += q1 - q0;
            }
        }

        /** GEMM rows of panels {@code [p0, p1)} from the transformed input {@code vv}, then their output transform. */
        private void multiplyAndOutput(int worker, int gr, float[] vv, int p0, int p1, int nt, int width) {
            long q1 = PROF ? System.nanoTime() : 0;
            float[] mb = scratch[worker].mm;
            float[] ug = u[gr];
            int k0 = p0 * mr;
            int k1 = Math.min(kpg, p1 * mr);
            // M[xi] (K x tiles) = U[xi] (K x C) * V[xi] (C x tiles), rows [k0, k1); every
            // element is one FMA chain over the channels whatever the row range
            for (int xi = 0; xi < a2; xi++) {
                kern.multiply(mr, ug, xi * panels * cpg * mr, p0, p1, kpg, cpg, vv, xi * vPlane, block, width,
                        mb, xi * mPlane, block);
            }
            long q2 = PROF ? System.nanoTime() : 0;
            outputTransform(worker, gr, k0, k1 - k0, nt, width);
            if (PROF && worker < 8) {
                long q3 = System.nanoTime();
                PHASE_NANOS[worker * 16 + 1] += q2 - q1;
                PHASE_NANOS[worker * 16 + 2] += q3 - q2;
            }
        }

        /**
         * The single block shared by the workers: channel parts of the input transform claimed
         * from a counter into {@link #vShared}, a barrier (every part done), then output-channel
         * chunks claimed from another counter. Each channel's transform and each GEMM row are
         * the same operations whoever computes them, so the bits do not depend on the split.
         */
        private void runShared(int worker) {
            int nt = totalTiles;
            int width = (nt + wu - 1) / wu * wu;
            long q0 = PROF ? System.nanoTime() : 0;
            tiles(worker, 0, nt);
            try {
                for (int part = sync.getAndIncrement(CLAIM_A); part < partsA; part = sync.getAndIncrement(CLAIM_A)) {
                    int c0 = WorkerPool.rangeStart(part, cpg, partsA);
                    int c1 = WorkerPool.rangeStart(part + 1, cpg, partsA);
                    inputTransform(worker, 0, nt, width, c0, c1, vShared);
                    sync.getAndIncrement(DONE_A);
                }
            } catch (Throwable t) {
                sync.set(FAILED, 1);
                throw t;
            }
            // the barrier: every part claimed is being finished by its worker
            int spins = 0;
            while (sync.get(DONE_A) < partsA && sync.get(FAILED) == 0) {
                if (++spins < 1 << 16) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            if (PROF && worker < 8) {
                PHASE_NANOS[worker * 16] += System.nanoTime() - q0;
            }
            for (int c = sync.getAndIncrement(CLAIM); c < chunks; c = sync.getAndIncrement(CLAIM)) {
                int p0 = c * chunkPanels;
                int p1 = Math.min(panels, p0 + chunkPanels);
                multiplyAndOutput(worker, 0, vShared, p0, p1, nt, width);
            }
        }

        /** Offsets and validity bits of the tiles {@code [t0, t0 + nt)}. */
        private void tiles(int worker, int t0, int nt) {
            Scratch sc = scratch[worker];
            int[] ib = sc.inBase;
            int[] ob = sc.outBase;
            long[] ir = sc.inRows;
            long[] ic = sc.inCols;
            long[] orr = sc.outRows;
            long[] oc = sc.outCols;
            java.util.Arrays.fill(ir, 0L);
            java.util.Arrays.fill(ic, 0L);
            java.util.Arrays.fill(orr, 0L);
            java.util.Arrays.fill(oc, 0L);
            int gl = kern.groupLanes();
            int inPlane = inH * inW;
            int[] br = sc.breaks;
            int nb = 0;
            // a block inside one image reads its input rows from a staging copy: one sequential
            // copy per channel instead of gathers scattered over a large image (VGG's 224x224)
            int nFirst = t0 / tilesPerImage;
            boolean staged = (t0 + nt - 1) / tilesPerImage == nFirst;
            int yLo = 0;
            if (staged) {
                int rFirst = t0 - nFirst * tilesPerImage;
                int rLast = t0 + nt - 1 - nFirst * tilesPerImage;
                yLo = Math.max(0, rFirst / tilesW * m - padTop);
                int yHi = Math.min(inH, rLast / tilesW * m - padTop + alpha);
                stageY[worker * PAD] = yLo;
                stageRows[worker * PAD] = Math.max(0, yHi - yLo);
            }
            stageImage[worker * PAD] = staged ? nFirst : -1;
            int outPlane = outH * outW;
            for (int i = 0; i < nt; i++) {
                int t = t0 + i;
                int n = t / tilesPerImage;
                int r = t - n * tilesPerImage;
                int oy = r / tilesW * m;
                int ox = r % tilesW * m;
                int y0 = oy - padTop;
                int x0 = ox - padLeft;
                ib[i] = staged ? stageMargin + (y0 - yLo) * inW + x0 : n * spec.inChannels() * inPlane + y0 * inW + x0;
                if (i == 0 || nb > 0 && br[nb - 1] == i - 1) {
                    // a new run of horizontally adjacent tiles
                    sc.segT[nb] = i;
                    sc.segImg[nb] = n;
                    sc.segY[nb] = y0;
                    sc.segX[nb] = x0;
                }
                if (i == nt - 1 || ox + m >= tilesW * m) {
                    sc.segN[nb] = i + 1 - sc.segT[nb];
                    br[nb++] = i; // the next tile is not this one's right neighbour
                }
                ob[i] = n * spec.outChannels() * outPlane + oy * outW + ox;
                int g = i / gl;
                long bit = 1L << (i % gl);
                for (int q = 0; q < alpha; q++) {
                    if (y0 + q >= 0 && y0 + q < inH) {
                        ir[g * alpha + q] |= bit;
                    }
                    if (x0 + q >= 0 && x0 + q < inW) {
                        ic[g * alpha + q] |= bit;
                    }
                }
                for (int q = 0; q < m; q++) {
                    if (oy + q < outH) {
                        orr[g * m + q] |= bit;
                    }
                    if (ox + q < outW) {
                        oc[g * m + q] |= bit;
                    }
                }
            }
            nBreaks[worker * PAD] = nb;
            if (linear) {
                linearRuns(worker, nb);
            }
            // lanes past nt repeat the last tile, so every lane of a group has a real address
            int end = Math.min(block, (nt + gl - 1) / gl * gl);
            for (int i = nt; i < end; i++) {
                ib[i] = ib[nt - 1];
                ob[i] = ob[nt - 1];
            }
            int[] imin = sc.inMin;
            int[] imax = sc.inMax;
            int[] omin = sc.outMin;
            int[] omax = sc.outMax;
            for (int g = 0; g * gl < nt; g++) {
                int lo = Integer.MAX_VALUE;
                int hi = Integer.MIN_VALUE;
                int olo = Integer.MAX_VALUE;
                int ohi = Integer.MIN_VALUE;
                for (int i = g * gl; i < Math.min(end, (g + 1) * gl); i++) {
                    lo = Math.min(lo, ib[i]);
                    hi = Math.max(hi, ib[i]);
                    olo = Math.min(olo, ob[i]);
                    ohi = Math.max(ohi, ob[i]);
                }
                imin[g] = lo;
                imax[g] = hi;
                omin[g] = olo;
                omax[g] = ohi;
            }
        }

        /** V[xi][c][t] = (B^T d B)[xi] into {@code vv} for channels {@code [c0, c1)} of the group and every tile of the block. */
        private void inputTransform(int worker, int gr, int nt, int width, int c0, int c1, float[] vv) {
            Scratch sc = scratch[worker];
            float[] dd = sc.d;
            float[] ww = sc.w1;
            int blk = block;
            int al = alpha;
            int plane = inH * inW;
            if (linear) {
                // the zeros around the row copies (padding, lanes past the block): the copies of
                // every channel land in the same places, but the output transform reuses the rows
                java.util.Arrays.fill(sc.rows, 0f);
            }
            for (int c = c0; c < c1; c++) {
                int chanOff = inOff + (gr * cpg + c) * plane;
                float[] src = in;
                int n = stageImage[worker * PAD];
                if (n >= 0 && !linear) {
                    System.arraycopy(in, inOff + (n * spec.inChannels() + gr * cpg + c) * plane + stageY[worker * PAD] * inW,
                            sc.stage, stageMargin, stageRows[worker * PAD] * inW);
                    src = sc.stage;
                    chanOff = 0;
                }
                long g0 = PROF ? System.nanoTime() : 0;
                // each tile's alpha x alpha patch (zeros outside the image) as D[i][j][t]
                if (linear) {
                    linearGather(worker, gr * cpg + c, nt, dd);
                } else {
                    kern.gather(src, chanOff, inW, sc.inBase, sc.inMin, sc.inMax, sc.inRows,
                            sc.inCols, nt, sc.breaks, nBreaks[worker * PAD], al, m, dd, blk);
                }
                long g1 = PROF ? System.nanoTime() : 0;
                // rows: W[i][b] = sum_j BT[b][j] D[i][j]
                for (int i = 0; i < al; i++) {
                    kern.inputPass(m, dd, i * al * blk, blk, ww, i * al * blk, blk, width);
                }
                // columns: V[a][b] = sum_i BT[a][i] W[i][b], stored at V[(a*alpha+b)][c]
                for (int b = 0; b < al; b++) {
                    kern.inputPass(m, ww, b * blk, al * blk, vv, b * vPlane + c * blk, al * vPlane, width);
                }
                if (PROF && worker < 8) {
                    long g2 = System.nanoTime();
                    PHASE_NANOS[worker * 16 + 3] += g1 - g0;
                    PHASE_NANOS[worker * 16 + 4] += g2 - g1;
                }
            }
        }

        /**
         * The row copies and edge columns of {@link #linearGather} for the block's {@code nSeg}
         * runs of adjacent tiles: each run reads its alpha input rows as contiguous copies (cut
         * to the image; the rest stays zero), so patch row i of tile t, columns 0..m-1, lie at
         * {@code rows[i * rowStride + m * t ..]}; its last tile's columns m..alpha-1 (the next
         * tile of the block is not its neighbour) are read one by one.
         */
        private void linearRuns(int worker, int nSeg) {
            Scratch sc = scratch[worker];
            int mt = m;
            int al = alpha;
            int rs = rowStride;
            int plane = inH * inW;
            int[] st = sc.segT;
            int[] sn = sc.segN;
            int[] si = sc.segImg;
            int[] sy = sc.segY;
            int[] sx = sc.segX;
            int[] cs = sc.copySrc;
            int[] cd = sc.copyDst;
            int[] cl = sc.copyLen;
            int[] es = sc.edgeSrc;
            int[] ed = sc.edgeDst;
            int nc = 0;
            int ne = 0;
            for (int q = 0; q < nSeg; q++) {
                int len = mt * sn[q];
                int x0 = sx[q];
                int img = inOff + si[q] * spec.inChannels() * plane;
                // columns [lo, hi) of the run lie inside the image
                int lo = Math.min(len, Math.max(0, -x0));
                int hi = Math.max(lo, Math.min(len, inW - x0));
                int t = st[q] + sn[q] - 1;
                int xl = x0 + mt * (sn[q] - 1);
                for (int i = 0; i < al; i++) {
                    int y = sy[q] + i;
                    boolean rowIn = y >= 0 && y < inH;
                    if (rowIn && hi > lo) {
                        cs[nc] = img + y * inW + x0 + lo;
                        cd[nc] = i * rs + mt * st[q] + lo;
                        cl[nc++] = hi - lo;
                    }
                    for (int j = mt; j < al; j++) {
                        int x = xl + j;
                        es[ne] = rowIn && x >= 0 && x < inW ? img + y * inW + x : -1;
                        ed[ne++] = (i * al + j) * block + t;
                    }
                }
            }
            nCopies[worker * PAD] = nc;
            nEdges[worker * PAD] = ne;
            // the output rows of each run, cut at the right and bottom edges of the image
            int outPlane = outH * outW;
            int[] os = sc.outCopySrc;
            int[] od = sc.outCopyDst;
            int[] ol = sc.outCopyLen;
            int no = 0;
            for (int q = 0; q < nSeg; q++) {
                int ox = sx[q] + padLeft;
                int oy = sy[q] + padTop;
                int len = Math.min(mt * sn[q], outW - ox);
                int rowsIn = Math.min(mt, outH - oy);
                int o = outOff + si[q] * spec.outChannels() * outPlane + oy * outW + ox;
                for (int a = 0; a < rowsIn; a++) {
                    os[no] = a * rs + mt * st[q];
                    od[no] = o + a * outW;
                    ol[no++] = len;
                }
            }
            nOutCopies[worker * PAD] = no;
        }

        /**
         * The patches of input channel {@code ch} without gathers: the row copies of
         * {@link #linearRuns} into {@link #rows} (whose zeros {@link #inputTransform} wrote for
         * the block), deinterleaved by the kernel into D with columns m..alpha-1 taken from the
         * next tile, then each run's last tile's columns m..alpha-1.
         */
        private void linearGather(int worker, int ch, int nt, float[] dd) {
            Scratch sc = scratch[worker];
            float[] r = sc.rows;
            int chan = ch * inH * inW;
            kern.copyRuns(in, chan, sc.copySrc, r, 0, sc.copyDst, sc.copyLen, nCopies[worker * PAD]);
            kern.deinterleave(m, r, rowStride, nt, alpha, dd, block);
            int[] es = sc.edgeSrc;
            int[] ed = sc.edgeDst;
            float[] src = in;
            for (int e = 0, n = nEdges[worker * PAD]; e < n; e++) {
                int o = es[e];
                dd[ed[e]] = o >= 0 ? src[chan + o] : 0f;
            }
        }

        /**
         * The inverse of {@link #linearGather} for the output tiles of channel {@code k}: the
         * kernel adds the bias, applies ReLU and interleaves row a of the tiles into
         * {@code rows[a * rowStride + m * t + b]}; each run of adjacent tiles is then one contiguous
         * copy per output row, from the block's list ({@link #linearRuns}: cut at the right and
         * bottom edges of the image).
         */
        private void linearScatter(int worker, int k, int nt, float[] yy) {
            Scratch sc = scratch[worker];
            float[] r = sc.rows;
            kern.interleave(m, yy, block, nt, bias[k], relu, r, rowStride);
            kern.copyRuns(r, 0, sc.outCopySrc, out, k * outH * outW, sc.outCopyDst, sc.outCopyLen,
                    nOutCopies[worker * PAD]);
        }

        /** Y = A^T M A per output channel of the chunk, + bias, ReLU, written inside the image. */
        private void outputTransform(int worker, int gr, int k0, int kn, int nt, int width) {
            Scratch sc = scratch[worker];
            float[] mb = sc.mm;
            float[] zz = sc.z;
            float[] yy = sc.y;
            int blk = block;
            int al = alpha;
            int mt = m;
            int xiStride = mPlane;
            int oplane = outH * outW;
            for (int kk = 0; kk < kn; kk++) {
                int k = gr * kpg + k0 + kk;
                // rows: Z[i][b] = sum_j AT[b][j] M[i][j]
                for (int i = 0; i < al; i++) {
                    kern.outputPass(mt, mb, i * al * xiStride + (k0 + kk) * blk, xiStride, zz, i * mt * blk, blk, width);
                }
                // columns: Y[a][b] = sum_i AT[a][i] Z[i][b]
                for (int b = 0; b < mt; b++) {
                    kern.outputPass(mt, zz, b * blk, mt * blk, yy, b * blk, mt * blk, width);
                }
                if (linear) {
                    linearScatter(worker, k, nt, yy);
                } else {
                    kern.scatter(yy, blk, mt, bias[k], relu, out, outOff + k * oplane, outW, sc.outBase,
                            sc.outMin, sc.outMax, sc.outRows, sc.outCols, nt);
                }
            }
        }
    }
}
