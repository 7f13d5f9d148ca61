package io.github.simdconv.conv;

import io.github.simdconv.gemm.Gemm;
import io.github.simdconv.gemm.GemmWorkspace;
import io.github.simdconv.gemm.PackedA;
import io.github.simdconv.parallel.ParallelBody;
import io.github.simdconv.parallel.WorkerPool;
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
 *   <li>The column matrix is never built for a whole image: it is produced for a tile of output
 *       pixels at a time, at most {@value #COL_BYTES} bytes per thread (a VGG 224x224 layer would
 *       otherwise need a 110 MiB column matrix), so it stays in L2 while the GEMM reads it.</li>
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

    /** Per-thread column tile budget: half of a Zen 3 core's 512 KiB L2. */
    static final int COL_BYTES = 256 * 1024;

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
        private final float[][] col;
        private final GemmWorkspace[] ws;
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
                    : Math.max(1, COL_BYTES / 4 / kdim / nr);
            int t = (panels + maxTilePanels - 1) / maxTilePanels;
            int perImage = spec.batch() * groups;
            // enough tiles that every thread has work, and a count the threads share evenly
            while (t < panels && (perImage * t) % threads != 0 && perImage * t < 8 * threads) {
                t++;
            }
            this.tiles = t;
            this.items = perImage * t;
            int maxTile = (panels + t - 1) / t * nr;
            this.col = new float[threads][];
            this.ws = new GemmWorkspace[threads];
            for (int i = 0; i < threads; i++) {
                col[i] = pointwise ? null : new float[kdim * Math.min(maxTile, pixels)];
                ws[i] = new GemmWorkspace(kdim, Math.min(maxTile, pixels));
            }
            this.pool = threads > 1 ? WorkerPool.shared(threads) : null;
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
            float[] c = col[worker];
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
                    im2col(in, inBase, q0, q1, c);
                    Gemm.multiply(packed[g], 0, kg, nt, c, 0, nt, false,
                            out, cOff, pixels, false, bias, g * kg, relu, w);
                }
            }
        }

        /** Fills {@code col[kdim][q1-q0]} with the receptive fields of output pixels {@code [q0, q1)}. */
        private void im2col(float[] x, int inBase, int q0, int q1, float[] col) {
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
            for (int c = 0; c < cg; c++) {
                int plane = inBase + c * h * wd;
                for (int i = 0; i < r; i++) {
                    for (int j = 0; j < sk; j++) {
                        int d = ((c * r + i) * sk + j) * nt;
                        int q = q0;
                        int oy = q0 / ow;
                        int ox = q0 - oy * ow;
                        while (q < q1) {
                            int len = Math.min(ow - ox, q1 - q);
                            int iy = oy * sh - pt + i * dh;
                            if (iy < 0 || iy >= h) {
                                java.util.Arrays.fill(col, d, d + len, 0f);
                            } else {
                                int ix0 = ox * sw - pl + j * dw;
                                // [lo, hi): the run of this row whose input column lies inside the image
                                int lo = ix0 >= 0 ? 0 : Math.min(len, (-ix0 + sw - 1) / sw);
                                int hi = ix0 >= wd ? 0 : Math.min(len, (wd - ix0 + sw - 1) / sw);
                                hi = Math.max(hi, lo);
                                java.util.Arrays.fill(col, d, d + lo, 0f);
                                int src = plane + iy * wd + ix0;
                                if (sw == 1) {
                                    // guarded: arraycopy rejects a start past the end even for length 0
                                    if (hi > lo) {
                                        System.arraycopy(x, src + lo, col, d + lo, hi - lo);
                                    }
                                } else {
                                    for (int e = lo; e < hi; e++) {
                                        col[d + e] = x[src + e * sw];
                                    }
                                }
                                java.util.Arrays.fill(col, d + hi, d + len, 0f);
                            }
                            d += len;
                            q += len;
                            ox = 0;
                            oy++;
                        }
                    }
                }
            }
        }
    }
}
