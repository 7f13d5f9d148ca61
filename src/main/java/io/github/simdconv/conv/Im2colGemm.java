package io.github.simdconv.conv;

import io.github.simdconv.gemm.Gemm;
import io.github.simdconv.gemm.GemmWorkspace;
import io.github.simdconv.gemm.PackedA;
import io.github.simdconv.parallel.ParallelBody;
import io.github.simdconv.parallel.WorkerPool;
import io.github.simdconv.simd.Simd;
import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.ConvSpec;

/**
 * Convolution as matrix multiplication ({@code "im2col"}): per image and group,
 * {@code out[K/G][OH*OW] = W[K/G][C/G*R*S] * col[C/G*R*S][OH*OW]}, where column {@code q} of
 * {@code col} holds the input values under output pixel {@code q}'s receptive field (zero where it
 * falls in the padding). Supports every {@link ConvSpec}: stride, asymmetric padding, dilation,
 * groups, bias and ReLU, the last two fused into the GEMM write-back.
 *
 * <ul>
 *   <li>The weights of each group are packed once at plan time ({@link PackedA}).</li>
 *   <li>The column matrix is never built for a whole image (a VGG 224x224 layer would need a
 *       110 MiB one): output pixels are cut into tiles, and for each {@code KC}-deep block of the
 *       inner dimension a {@link Gemm.BSource} writes the tile's columns straight into the GEMM's
 *       packed micro-panels, so at most {@code KC x tile} floats ({@value #COL_BYTES} bytes;
 *       tile = 128 pixels with AVX-512's KC = 512) of columns exist per thread, in L2, and
 *       nothing is copied twice.</li>
 *   <li>Stride-1 layers whose output rows are as wide as their input rows ("same" padding along
 *       x, every ResNet/VGG 3x3) write each panel row as {@code NR / lanes} masked vector copies
 *       ({@code Im2colVector}): output pixel q's tap reads input element {@code q + offset(tap)},
 *       with the taps that fall into the padding masked to zero by flags computed at plan
 *       time. The per-output-row copies it replaces took a quarter of resnet_3x3_28's time.</li>
 *   <li>1x1 kernels with stride 1 and no padding skip im2col: the input image already is the
 *       {@code [C/G][H*W]} right operand.</li>
 *   <li>Work items are (image, group, pixel tile); threads take contiguous runs of them. Every
 *       output is summed in the same order for any split, so results are bitwise identical for
 *       any thread count. {@code execute} allocates nothing.</li>
 * </ul>
 * Costs: the im2col copy ({@code R*S} times the input per output-channel pass) and packing of
 * the column tile; it wins when {@code K/G} is large enough to amortise both (ResNet-style layers),
 * and loses to direct or depthwise kernels when groups are many and small.
 */
public final class Im2colGemm implements ConvAlgorithm {
    /** The singleton. */
    public static final Im2colGemm INSTANCE = new Im2colGemm();

    /**
     * Per-thread budget of one packed column block ({@code KC x tile} floats): half of a Zen 3
     * core's 512 KiB L2, a quarter of Zen 5's, beside the {@code MC x KC} block of packed weights
     * (512 KiB measured no faster on Zen 5).
     */
    static final int COL_BYTES = 256 * 1024;

    /** Runs at least this long are copied with the (vectorised) arraycopy stub. */
    static final int ARRAYCOPY_MIN = 8;

    private Im2colGemm() {}

    @Override
    public String name() {
        return "im2col";
    }

    @Override
    public Support supports(ConvSpec spec) {
        return Support.yes();
    }

    @Override
    public ConvPlan plan(ConvSpec spec, float[] weights, float[] bias, int threads) {
        ConvArgs.checkPlan(this, spec, weights, bias, threads);
        return new Plan(spec, weights, bias, threads);
    }

    private static final class Plan implements ConvPlan, ParallelBody {
        private final ConvSpec s;
        private final int threads;
        private final WorkerPool pool;
        private final PackedA[] packed;
        private final float[] bias;
        private final boolean relu;
        private final boolean pointwise;
        private final int groups;
        private final int kg;
        private final int cg;
        private final int kdim;
        private final int pixels;
        private final int panels;
        private final int tiles;
        private final int items;
        private final Source[] src;
        private final GemmWorkspace[] ws;
        // the vector im2col (Im2colVector) when output rows are as wide as input rows at stride 1
        private final boolean vectorIm2col;
        private final int[] tapOffset;
        private final boolean[] valid;
        private final int validStride;
        // set by execute before the parallel loop
        private float[] in;
        private int inOff;
        private float[] out;
        private int outOff;

        Plan(ConvSpec spec, float[] weights, float[] bias, int threads) {
            this.s = spec;
            this.threads = threads;
            this.groups = spec.groups();
            this.kg = spec.outChannelsPerGroup();
            this.cg = spec.inChannelsPerGroup();
            this.kdim = spec.accumulationLength();
            this.pixels = spec.outHeight() * spec.outWidth();
            this.bias = bias == null ? null : bias.clone();
            this.relu = spec.activation() == Activation.RELU;
            this.pointwise = spec.isPointwise();
            this.packed = new PackedA[groups];
            for (int g = 0; g < groups; g++) {
                packed[g] = PackedA.pack(kg, kdim, weights, g * kg * kdim, kdim, false);
            }
            int nr = Gemm.NR;
            this.panels = (pixels + nr - 1) / nr;
            int maxTilePanels = pointwise
                    ? Math.max(1, Gemm.NC / nr)
                    : Math.max(1, COL_BYTES / 4 / Math.min(kdim, Gemm.KC) / nr);
            int t = (panels + maxTilePanels - 1) / maxTilePanels;
            int perImage = spec.batch() * groups;
            // enough tiles that every thread has work, and a count the threads share evenly
            while (t < panels && (perImage * t) % threads != 0 && perImage * t < 8 * threads) {
                t++;
            }
            this.tiles = t;
            this.items = perImage * t;
            int maxTile = (panels + t - 1) / t * nr;
            this.src = new Source[threads];
            this.ws = new GemmWorkspace[threads];
            for (int i = 0; i < threads; i++) {
                src[i] = new Source();
                ws[i] = new GemmWorkspace(kdim, Math.min(maxTile, pixels));
            }
            this.pool = threads > 1 ? WorkerPool.shared(threads) : null;
            this.vectorIm2col = !pointwise && Simd.vectorEnabled() && spec.strideH() == 1 && spec.strideW() == 1
                    && spec.outWidth() == spec.inWidth();
            int taps = spec.kernelH() * spec.kernelW();
            this.validStride = pixels + nr;
            this.tapOffset = new int[vectorIm2col ? taps : 0];
            this.valid = new boolean[vectorIm2col ? taps * validStride : 0];
            if (vectorIm2col) {
                int h = spec.inHeight();
                int w = spec.inWidth();
                int ow = spec.outWidth();
                for (int i = 0; i < spec.kernelH(); i++) {
                    for (int j = 0; j < spec.kernelW(); j++) {
                        int tap = i * spec.kernelW() + j;
                        int dy = i * spec.dilationH() - spec.padTop();
                        int dx = j * spec.dilationW() - spec.padLeft();
                        // pixel q = (oy, ox) reads (oy + dy, ox + dx) = element q + dy * w + dx, as ow == w
                        tapOffset[tap] = dy * w + dx;
                        for (int q = 0; q < pixels; q++) {
                            int iy = q / ow + dy;
                            int ix = q % ow + dx;
                            valid[tap * validStride + q] = iy >= 0 && iy < h && ix >= 0 && ix < w;
                        }
                    }
                }
            }
        }

        @Override
        public ConvSpec spec() {
            return s;
        }

        @Override
        public String algorithm() {
            return "im2col";
        }

        @Override
        public void execute(float[] input, int inOff, float[] output, int outOff) {
            ConvArgs.checkExecute(s, input, inOff, output, outOff);
            this.in = input;
            this.inOff = inOff;
            this.out = output;
            this.outOff = outOff;
            if (threads == 1) {
                run(0, items, 0);
            } else {
                pool.parallelFor(items, this);
            }
            this.in = null;
            this.out = null;
        }

        @Override
        public void run(int begin, int end, int worker) {
            Source sc = src[worker];
            GemmWorkspace w = ws[worker];
            int hw = s.inHeight() * s.inWidth();
            for (int item = begin; item < end; item++) {
                int t = item % tiles;
                int ng = item / tiles;
                int g = ng % groups;
                int n = ng / groups;
                int q0 = Math.min(pixels, (int) ((long) panels * t / tiles) * Gemm.NR);
                int q1 = Math.min(pixels, (int) ((long) panels * (t + 1) / tiles) * Gemm.NR);
                int nt = q1 - q0;
                if (nt == 0) {
                    continue;
                }
                int cOff = outOff + (n * s.outChannels() + g * kg) * pixels + q0;
                int inBase = inOff + (n * s.inChannels() + g * cg) * hw;
                if (pointwise) {
                    Gemm.multiply(packed[g], 0, kg, nt, in, inBase + q0, hw, false,
                            out, cOff, pixels, false, bias, g * kg, relu, w);
                } else {
                    sc.x = in;
                    sc.inBase = inBase;
                    sc.q0 = q0;
                    Gemm.multiply(packed[g], 0, kg, nt, sc, out, cOff, pixels, false, bias, g * kg, relu, w);
                    sc.x = null;
                }
            }
        }

        /** Produces the column matrix of one pixel tile straight into the GEMM's packed panels. */
        private final class Source implements Gemm.BSource {
            float[] x;
            int inBase;
            int q0;

            @Override
            public void pack(int k0, int kc, int j0, int nc, float[] dst) {
                final int nr = Gemm.NR;
                for (int jp = 0; jp * nr < nc; jp++) {
                    int qa = q0 + j0 + jp * nr;
                    int cols = Math.min(nr, nc - jp * nr);
                    if (vectorIm2col && qa + nr <= pixels || vectorIm2col && qa + cols == pixels) {
                        Im2colVector.pack(x, inBase, s.inHeight() * s.inWidth(), s.kernelH() * s.kernelW(), tapOffset,
                                valid, validStride, k0, kc, qa, dst, jp * kc * nr);
                    } else {
                        im2col(x, inBase, k0, kc, qa, qa + cols, dst, jp * kc * nr, nr);
                    }
                }
            }
        }

        /**
         * Writes rows {@code [k0, k0 + kc)} of the column matrix for output pixels {@code [q0, q1)}
         * into {@code col} from {@code off} with row stride {@code ld}, zero-filling each row from
         * {@code q1 - q0} to {@code ld}. Row {@code (c * R + i) * S + j} holds input channel c
         * shifted by kernel tap (i, j); taps in the padding read 0.
         */
        private void im2col(float[] x, int inBase, int k0, int kc, int q0, int q1, float[] col, int off, int ld) {
            final int h = s.inHeight();
            final int wd = s.inWidth();
            final int ow = s.outWidth();
            final int r = s.kernelH();
            final int sk = s.kernelW();
            final int sh = s.strideH();
            final int sw = s.strideW();
            final int dh = s.dilationH();
            final int dw = s.dilationW();
            final int pt = s.padTop();
            final int pl = s.padLeft();
            final int nt = q1 - q0;
            int c = k0 / (r * sk);
            int i = k0 / sk - c * r;
            int j = k0 - (c * r + i) * sk;
            final int oy0 = q0 / ow;
            final int ox0 = q0 - oy0 * ow;
            for (int p = 0; p < kc; p++) {
                int plane = inBase + c * h * wd;
                int d = off + p * ld;
                int q = q0;
                int oy = oy0;
                int ox = ox0;
                while (q < q1) {
                    int len = Math.min(ow - ox, q1 - q);
                    int iy = oy * sh - pt + i * dh;
                    if (iy < 0 || iy >= h) {
                        for (int e = 0; e < len; e++) {
                            col[d + e] = 0f;
                        }
                    } else {
                        int ix0 = ox * sw - pl + j * dw;
                        // [lo, hi): the part of the run whose input column lies inside the image
                        int lo;
                        int hi;
                        if (sw == 1) {
                            // no division on the common path: it would cost more than the copy
                            lo = Math.min(len, Math.max(0, -ix0));
                            hi = Math.max(lo, Math.min(len, wd - ix0));
                        } else {
                            lo = ix0 >= 0 ? 0 : Math.min(len, (-ix0 + sw - 1) / sw);
                            hi = ix0 >= wd ? 0 : Math.min(len, (wd - ix0 + sw - 1) / sw);
                            hi = Math.max(hi, lo);
                        }
                        for (int e = 0; e < lo; e++) {
                            col[d + e] = 0f;
                        }
                        int src = plane + iy * wd + ix0;
                        if (sw == 1) {
                            if (hi - lo >= ARRAYCOPY_MIN) {
                                System.arraycopy(x, src + lo, col, d + lo, hi - lo);
                            } else {
                                for (int e = lo; e < hi; e++) {
                                    col[d + e] = x[src + e];
                                }
                            }
                        } else {
                            for (int e = lo; e < hi; e++) {
                                col[d + e] = x[src + e * sw];
                            }
                        }
                        for (int e = hi; e < len; e++) {
                            col[d + e] = 0f;
                        }
                    }
                    d += len;
                    q += len;
                    ox = 0;
                    oy++;
                }
                for (int e = off + p * ld + nt; e < off + p * ld + ld; e++) {
                    col[e] = 0f;
                }
                // next kernel tap
                if (++j == sk) {
                    j = 0;
                    if (++i == r) {
                        i = 0;
                        c++;
                    }
                }
            }
        }
    }
}
