package io.github.simdconv.conv;

import io.github.simdconv.parallel.ParallelBody;
import io.github.simdconv.parallel.PartClaims;
import io.github.simdconv.parallel.WorkerPool;
import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.ConvSpec;

/**
 * Direct convolution ({@code "direct"}): no im2col buffer; every output tile is accumulated in
 * registers straight from the input. Supports every {@link ConvSpec}.
 *
 * <p>Layout: the input stays NCHW; at execute time each worker copies the input rows its items
 * read into its own zero-padded buffer of one (image, group) slice
 * ({@code [C/G][H + pt + pb][W + pl + pr]} plus slack, borders zeroed once at plan time) so that
 * every tile is interior and the inner loop has no bounds checks. The weights are packed at plan
 * time per group into blocks of {@code L} output channels (the vector length), two blocks per
 * work item: {@code [g][pair][C/G][R][S][2L]}, output channels past the group's count padded with
 * zero weights. The micro-kernel ({@link DirectVectorKernel}) computes up to 12 output pixels times
 * 2L output channels per tile (24 accumulators of the 32 AVX-512 registers), broadcasting one
 * input value per pixel and (channel, tap): 24 FMAs per 2 weight loads and 12 broadcasts. The
 * (channel, tap) pairs run as one flat loop over an offset table built here ({@code tapOff});
 * stride-1 and stride-2 layers run tiles with constant pixel offsets. Rows are cut into 12-, 8-,
 * 6-, 4- and 1-pixel tiles by a small cost model ({@link DirectKernel#planTiles}; 6 and 4 only
 * with 16 registers; {@code -Dsimdconv.direct.tiles=6:4:1} restricts them for tuning). Results go
 * channel-minor into a per-worker row buffer with bias and ReLU applied, and are transposed into
 * the NCHW output row by row.
 *
 * <p>A 1x1 kernel with stride 1 and no padding (pointwise) is a GEMM ({@code K x C} weights times
 * {@code C x HW} input): the vector kernel computes 4 output channels times 6 vectors of pixels
 * per tile straight from and into NCHW (no copy, no transpose); the scalar kernel treats the image
 * as one long row cut in chunks.
 *
 * <p>Measured single-thread on the 2-core Zen 5 dev box (AVX-512, 16 lanes, FMA peak 209 GFLOP/s),
 * JMH, noisy shared machine: resnet_3x3_28 1.23-1.40 ms (165-188 GFLOP/s, 79-90% of peak),
 * resnet_3x3_14 1.40 ms (166 GFLOP/s, 79%), dilated_3x3_d2_64 1.93 ms (157 GFLOP/s, 75%),
 * resnet_conv1_7x7_224 (stride 2) 1.84 ms (128 GFLOP/s, 61%); 0.66-0.71x the time of im2col in
 * the same runs (table in docs/algorithms.md); the pointwise path (unchanged) about 150 GFLOP/s
 * on resnet_1x1_56. The padding copy costs one pass over the input, the transpose one pass over
 * the output; both are inside these times.
 *
 * <p>Keeping data in this layout between layers: the zero-padded input is a {@link Border}
 * layout ({@link ConvPlan#inputBorder()}: the spec's padding plus a tail for the last tile's
 * over-read), and the row transpose can write into any bordered output ({@link ConvPlan#writesBorder()}).
 * A caller that stores a tensor that way, e.g. {@code layer.Sequential} between two direct
 * convolutions, hands it over with {@link ConvPlan#execute(float[], int, Border, float[], int, Border)}
 * and the reader skips its padding copy. The pointwise path reads and writes plain NCHW (it
 * needs no copy).
 *
 * <p>Work items are {@code (n, group, channel-block pair, output row)}, rows innermost when a
 * group's packed weights exceed 256 KiB (the pair's weights stay in cache across its rows), else
 * pairs innermost (a worker then reads only its own band of input rows;
 * {@code -Dsimdconv.direct.pairsInnerKiB} moves the threshold). The items are split statically
 * into one contiguous part per worker; a worker that finishes its part takes the remaining items
 * of the others from their back ends (one atomic claim per item on a cache line per part). No
 * memory is written by one worker and read by another within a call: one padded buffer shared by
 * the workers (each copying its share of the planes, then all reading all of them) ran
 * resnet_3x3_7 only 1.46x faster on two threads. Each output is computed by one worker in a
 * fixed order, so results are bitwise identical for any thread count.
 * When a group has few output channels (depthwise: one to three) most of the block is zero
 * padding and the kernel wastes lanes; {@link Depthwise} is the algorithm for that case.
 */
public final class Direct implements ConvAlgorithm {
    /** The singleton. */
    public static final Direct INSTANCE = new Direct();

    /** Pixels per row chunk of the pointwise path (a multiple of the 6- and 4-pixel tiles). */
    static final int POINTWISE_CHUNK = 192;

    private Direct() {}

    @Override
    public String name() {
        return "direct";
    }

    @Override
    public Support supports(ConvSpec spec) {
        if (spec == null) {
            return Support.no("spec is null");
        }
        long padded = (long) spec.batch() * spec.inChannels()
                * ((long) spec.inHeight() + spec.padTop() + spec.padBottom())
                * ((long) spec.inWidth() + spec.padLeft() + spec.padRight());
        if (!spec.isPointwise() && padded + (long) DirectKernel.MAX_TILE * spec.strideW() + 64 > Integer.MAX_VALUE) {
            return Support.no("padded input of " + padded + " floats exceeds the largest Java array");
        }
        return Support.yes();
    }

    @Override
    public ConvPlan plan(ConvSpec spec, float[] weights, float[] bias, int threads) {
        ConvArgs.checkPlan(this, spec, weights, bias, threads);
        return new Plan(spec, weights, bias, threads);
    }

    private static final class Plan implements ConvPlan, ParallelBody {
        private final ConvSpec spec;
        private final DirectKernel kernel;
        private final WorkerPool pool;
        private final int lanes;
        private final int cg;
        private final int kpg;
        private final int groups;
        private final int pairs;
        private final int pairStride;
        private final float[] packed;
        private final float[] packedBias;
        private final boolean relu;
        private final boolean pointwise;
        // geometry of the source the kernel reads (padded copy, or the raw input for pointwise)
        private final int srcPlane;
        private final int srcRow;
        // per-worker padded copies of one (image, group) slice: [C/G][H + pt + pb][W + pl + pr] + slack
        private final float[][] padded;
        // item order: (n, g, row, pair) when true, else (n, g, pair, row)
        private final boolean pairsInner;
        private final int paddedH;
        private final int paddedW;
        // output rows as the kernel sees them (pointwise: chunks of the flattened image)
        private final int rows;
        private final int rowWidth;
        private final int lastRowWidth;
        private final int[] tiles;
        private final int[] lastTiles;
        private final int[] tapOff;
        private final int outPlane;
        private final float[][] scratch;
        // the pointwise GEMM path (vector kernel only): weights [g][block of 4][c][4]
        private final boolean gemm;
        private final float[] gemmPacked;
        private final float[] gemmBias;
        private final int quads;
        private final int chunkPixels;
        private final int chunks;
        private final Border inBorder;
        // row items, one contiguous part per worker
        private final int itemCount;
        private final PartClaims claims;
        private final ParallelBody rowBody;
        // set for the duration of one execute
        private float[] curIn;
        private int curInOff;
        private boolean curCopy;
        private float[] curSrc;
        private int curSrcOff;
        private float[] curOut;
        private int curOutOff;
        private int curOutRow;
        private int curOutPlane;

        Plan(ConvSpec spec, float[] weights, float[] bias, int threads) {
            this.spec = spec;
            this.kernel = DirectKernel.create();
            this.pool = WorkerPool.shared(threads);
            this.lanes = kernel.lanes();
            this.cg = spec.inChannelsPerGroup();
            this.kpg = spec.outChannelsPerGroup();
            this.groups = spec.groups();
            int blocks = (kpg + lanes - 1) / lanes;
            this.pairs = (blocks + 1) / 2;
            int taps = spec.kernelH() * spec.kernelW();
            this.pairStride = cg * taps * 2 * lanes;
            this.gemm = spec.isPointwise() && kernel.pointwiseTile() > 0;
            this.quads = (kpg + 3) / 4;
            if (gemm) {
                this.packed = new float[0];
                this.packedBias = new float[0];
                this.gemmPacked = new float[groups * quads * cg * 4];
                this.gemmBias = new float[groups * quads * 4];
                for (int k = 0; k < spec.outChannels(); k++) {
                    int g = k / kpg;
                    int kIn = k % kpg;
                    int base = (g * quads + kIn / 4) * cg * 4 + kIn % 4;
                    for (int c = 0; c < cg; c++) {
                        gemmPacked[base + c * 4] = weights[k * cg + c];
                    }
                    if (bias != null) {
                        gemmBias[(g * quads + kIn / 4) * 4 + kIn % 4] = bias[k];
                    }
                }
                int hw = spec.inHeight() * spec.inWidth();
                this.chunkPixels = 4 * kernel.pointwiseTile();
                this.chunks = (hw + chunkPixels - 1) / chunkPixels;
            } else {
                this.gemmPacked = null;
                this.gemmBias = null;
                this.chunkPixels = 0;
                this.chunks = 0;
                this.packed = new float[groups * pairs * pairStride];
                this.packedBias = new float[groups * pairs * 2 * lanes];
                for (int g = 0; g < groups; g++) {
                    for (int p = 0; p < pairs; p++) {
                        int nb = nb(p);
                        int base = (g * pairs + p) * pairStride;
                        for (int v = 0; v < nb; v++) {
                            for (int lane = 0; lane < lanes; lane++) {
                                int kIn = p * 2 * lanes + v * lanes + lane;
                                if (kIn >= kpg) {
                                    continue; // zero weights and bias pad the block
                                }
                                int k = g * kpg + kIn;
                                if (bias != null) {
                                    packedBias[(g * pairs + p) * 2 * lanes + v * lanes + lane] = bias[k];
                                }
                                for (int c = 0; c < cg; c++) {
                                    for (int t = 0; t < taps; t++) {
                                        packed[base + ((c * taps + t) * nb + v) * lanes + lane] =
                                                weights[(k * cg + c) * taps + t];
                                    }
                                }
                            }
                        }
                    }
                }
            }
            this.relu = spec.activation() == Activation.RELU;
            this.pointwise = spec.isPointwise();
            int hw = spec.outHeight() * spec.outWidth();
            this.outPlane = hw;
            if (pointwise) {
                this.padded = null;
                this.paddedH = 0;
                this.paddedW = 0;
                this.srcPlane = spec.inHeight() * spec.inWidth();
                this.srcRow = POINTWISE_CHUNK;
                this.rowWidth = Math.min(POINTWISE_CHUNK, hw);
                this.rows = (hw + rowWidth - 1) / rowWidth;
                this.lastRowWidth = hw - (rows - 1) * rowWidth;
            } else {
                this.paddedH = spec.inHeight() + spec.padTop() + spec.padBottom();
                this.paddedW = spec.inWidth() + spec.padLeft() + spec.padRight();
                this.srcPlane = paddedH * paddedW;
                this.srcRow = paddedW;
                // slack: a partial tile reads up to MAX_TILE * sW floats past the row end; 16 more
                // floats keep the last line a worker reads off the line where the next array starts
                this.padded = new float[threads][cg * srcPlane + DirectKernel.MAX_TILE * spec.strideW() + 32];
                this.rows = spec.outHeight();
                this.rowWidth = spec.outWidth();
                this.lastRowWidth = rowWidth;
            }
            this.inBorder = pointwise ? Border.NONE : new Border(spec.padTop(), spec.padBottom(), spec.padLeft(),
                    spec.padRight(), DirectKernel.MAX_TILE * spec.strideW() + 16);
            this.tapOff = DirectKernel.tapOffsets(cg, spec.kernelH(), spec.kernelW(), srcPlane,
                    spec.dilationH() * srcRow, spec.dilationW());
            int[] widths = kernel.tileWidths();
            this.tiles = DirectKernel.planTiles(rowWidth, !pointwise, widths);
            this.lastTiles = DirectKernel.planTiles(lastRowWidth, !pointwise, widths);
            // 16 floats of guard: two workers' rows must not share a cache line
            this.scratch = new float[threads][(rowWidth + DirectKernel.MAX_TILE) * 2 * lanes + 16];
            this.itemCount = spec.batch() * groups * pairs * rows;
            this.claims = new PartClaims(threads);
            this.rowBody = this::runRows;
            long groupWeightBytes = 4L * pairs * pairStride;
            this.pairsInner = pointwise
                    || groupWeightBytes <= 1024L * Integer.getInteger("simdconv.direct.pairsInnerKiB", 256);
        }

        private int nb(int pair) {
            int blocks = (kpg + lanes - 1) / lanes;
            return Math.min(2, blocks - 2 * pair);
        }

        @Override
        public ConvSpec spec() {
            return spec;
        }

        @Override
        public String algorithm() {
            return "direct";
        }

        @Override
        public Border inputBorder() {
            return inBorder;
        }

        @Override
        public boolean writesBorder() {
            return !pointwise; // pointwise rows are chunks of the flattened image
        }

        @Override
        public void execute(float[] input, int inOff, float[] output, int outOff) {
            ConvArgs.checkExecute(spec, input, inOff, output, outOff);
            run(input, inOff, Border.NONE, output, outOff, Border.NONE);
        }

        @Override
        public void execute(float[] input, int inOff, Border inB, float[] output, int outOff, Border outB) {
            ConvArgs.checkBorders(this, inB, outB);
            ConvArgs.checkExecute(spec, input, inOff, inB, output, outOff, outB);
            run(input, inOff, inB, output, outOff, outB);
        }

        private void run(float[] input, int inOff, Border inB, float[] output, int outOff, Border outB) {
            curIn = input;
            curInOff = inOff;
            curCopy = !pointwise && inB.isNone();
            curSrc = input;
            curSrcOff = inOff;
            curOut = output;
            curOutOff = outOff + outB.origin(spec.outHeight(), spec.outWidth());
            curOutRow = outB.isNone() ? rowWidth : outB.rowStride(spec.outWidth());
            curOutPlane = outB.planeStride(spec.outHeight(), spec.outWidth());
            try {
                if (gemm) {
                    pool.parallelFor(spec.batch() * groups * chunks * quads, this);
                } else {
                    claims.reset(itemCount);
                    pool.parallelFor(claims.parts(), rowBody);
                }
            } finally {
                curIn = null;
                curSrc = null;
                curOut = null;
            }
        }

        /*
         * The input rows [iLo, iHi] (packed as iLo << 32 | iHi; iLo > iHi: none) that the items
         * [lo, hi] of one (image, group) slice read, item numbers relative to the slice.
         */
        private long inputRows(int lo, int hi) {
            int yLo;
            int yHi;
            if (pairsInner) {
                yLo = lo / pairs;
                yHi = hi / pairs;
            } else if (lo / rows == hi / rows) {
                yLo = lo % rows;
                yHi = hi % rows;
            } else {
                yLo = 0;
                yHi = rows - 1;
            }
            int pt = spec.padTop();
            long iLo = Math.max(0, yLo * spec.strideH() - pt);
            long iHi = Math.min(spec.inHeight() - 1,
                    yHi * spec.strideH() + (spec.kernelH() - 1) * spec.dilationH() - pt);
            return iLo << 32 | (iHi & 0xffffffffL);
        }

        // copies input rows [iLo, iHi] of slice (n, g) into the interior of a padded buffer
        private void copyRows(int slice, int iLo, int iHi, float[] buf) {
            if (iLo > iHi) {
                return;
            }
            int h = spec.inHeight();
            int w = spec.inWidth();
            int n = slice / groups;
            int g = slice % groups;
            kernel.copyRows(curIn, curInOff + (n * spec.inChannels() + g * cg) * h * w + iLo * w, h * w, w,
                    iHi - iLo + 1, cg, buf, (spec.padTop() + iLo) * paddedW + spec.padLeft(), srcPlane, paddedW);
        }

        // pointwise: items (n, g, pixel chunk, block of 4 output channels), blocks innermost so the
        // input chunk stays in cache while every block of the group reads it
        private void runGemm(int begin, int end) {
            int hw = outPlane;
            int cIn = spec.inChannels();
            int k = spec.outChannels();
            for (int item = begin; item < end; item++) {
                int q = item % quads;
                int t = item / quads;
                int chunk = t % chunks;
                t /= chunks;
                int g = t % groups;
                int n = t / groups;
                int p0 = chunk * chunkPixels;
                int p1 = Math.min(hw, p0 + chunkPixels);
                int gq = g * quads + q;
                kernel.pointwise(curIn, curInOff + (n * cIn + g * cg) * hw, hw, cg, gemmPacked, gq * cg * 4,
                        gemmBias, gq * 4, Math.min(4, kpg - 4 * q), curOut,
                        curOutOff + (n * k + g * kpg + 4 * q) * hw, p0, p1, relu);
            }
        }

        /*
         * Worker `worker` runs parts [begin, end) of the row items (one part per worker: a static,
         * contiguous split, so each worker's weights and input rows stay in its own caches), then
         * takes the remaining items of the other parts from their back ends: a worker that was
         * held up (preempted, a slower core) no longer holds the whole call back by its share.
         * An item is one output row of one block pair, computed start to end by whoever claims it
         * in one fixed order: the result is the same bitwise whoever runs it.
         *
         * Each worker copies the input rows it reads into its own padded buffer: the buffer is
         * written and read by one core only. With one padded buffer for all workers (each copying
         * its share of the planes, a barrier, then each reading all of them) every call moved the
         * lines that the other core had written from cache to cache.
         */
        private void runRows(int begin, int end, int worker) {
            float[] sc = scratch[worker];
            boolean copy = curCopy;
            float[] src = copy ? padded[worker] : curSrc;
            int srcBase = copy ? 0 : curSrcOff;
            // the slice and input rows [cLo, cHi] in this worker's padded buffer
            int cSlice = -1;
            int cLo = 0;
            int cHi = -1;
            int rowStep = spec.dilationH() * srcRow;
            int dW = spec.dilationW();
            int sW = spec.strideW();
            int sH = pointwise ? 1 : spec.strideH();
            int r = spec.kernelH();
            int s = spec.kernelW();
            int inC = spec.inChannels();
            int parts = claims.parts();
            int per = pairs * rows;
            int cursor = 0;
            while (true) {
                int item = -1;
                boolean own = false;
                for (; cursor < parts; cursor++) {
                    int q = (begin + cursor) % parts;
                    own = cursor < end - begin;
                    item = claims.claim(q, own);
                    if (item >= 0) {
                        break;
                    }
                }
                if (item < 0) {
                    return;
                }
                int y;
                int p;
                int t;
                if (pairsInner) {
                    // channel pairs innermost: the input rows (pointwise: chunk) stay in cache for all
                    // of them, and a worker's items need only its own band of input rows
                    p = item % pairs;
                    t = item / pairs;
                    y = t % rows;
                    t /= rows;
                } else {
                    // rows innermost: the block pair's weights stay in cache for all rows
                    y = item % rows;
                    t = item / rows;
                    p = t % pairs;
                    t /= pairs;
                }
                int g = t % groups;
                int n = t / groups;
                int nb = nb(p);
                int width = y == rows - 1 ? lastRowWidth : rowWidth;
                int a0;
                if (copy) {
                    int slice = n * groups + g;
                    int rel = item - slice * per;
                    long need = inputRows(rel, rel);
                    int iLo = (int) (need >>> 32);
                    int iHi = (int) need;
                    if (slice != cSlice || iLo < cLo || iHi > cHi) {
                        if (own) {
                            // first item of this part in the slice: copy what all its items there read
                            int q = (begin + cursor) % parts;
                            int lo = Math.max(WorkerPool.rangeStart(q, itemCount, parts), slice * per) - slice * per;
                            int hi = Math.min(WorkerPool.rangeStart(q + 1, itemCount, parts), (slice + 1) * per)
                                    - 1 - slice * per;
                            need = inputRows(lo, hi);
                            iLo = (int) (need >>> 32);
                            iHi = (int) need;
                        }
                        if (slice == cSlice && iLo <= cHi + 1 && iHi >= cLo - 1 && cLo <= cHi) {
                            // extend the rows already there
                            copyRows(slice, iLo, cLo - 1, src);
                            copyRows(slice, cHi + 1, iHi, src);
                            cLo = Math.min(cLo, iLo);
                            cHi = Math.max(cHi, iHi);
                        } else {
                            copyRows(slice, iLo, iHi, src);
                            cLo = iLo;
                            cHi = iHi;
                        }
                        cSlice = slice;
                    }
                    a0 = y * sH * srcRow;
                } else {
                    a0 = srcBase + (n * inC + g * cg) * srcPlane + y * sH * srcRow;
                }
                int gp = g * pairs + p;
                kernel.row(src, a0, tapOff, srcPlane, rowStep, dW, sW, cg, r, s, packed, gp * pairStride, nb,
                        packedBias, gp * 2 * lanes, relu, y == rows - 1 ? lastTiles : tiles, sc);
                // transpose the channel-minor row into the NCHW output
                int k0 = p * 2 * lanes;
                kernel.storeRow(sc, nb * lanes, Math.min(nb * lanes, kpg - k0), width, curOut,
                        curOutOff + (n * spec.outChannels() + g * kpg + k0) * curOutPlane + y * curOutRow, curOutPlane);
            }
        }

        @Override
        public void run(int begin, int end, int worker) {
            runGemm(begin, end);
        }
    }
}
