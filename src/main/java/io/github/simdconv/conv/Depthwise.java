package io.github.simdconv.conv;

import io.github.simdconv.parallel.ParallelBody;
import io.github.simdconv.parallel.WorkerPool;
import io.github.simdconv.spec.Activation;
import io.github.simdconv.spec.ConvSpec;
import java.util.Arrays;

/**
 * Depthwise convolution ({@code "depthwise"}): {@code groups == inChannels}, each input channel
 * convolved with its own {@code m = outChannels / inChannels} filters (channel multiplier
 * {@code m >= 1}). Every stride, padding and dilation is supported.
 *
 * <p>A depthwise layer does {@code R * S} multiply-adds per output, too few for a GEMM or the
 * channel-blocked {@link Direct} kernel to pay (they would multiply zero-padded blocks), so this
 * kernel vectorizes along the output width instead: for each input channel the rows it needs are
 * copied once into a zero-padded per-worker buffer (which makes every pixel interior), then each
 * of the {@code m} filters sweeps that buffer with contiguous vector loads. For a horizontal
 * stride {@code sW > 1} the copy splits each row into {@code sW} phases (every {@code sW}-th
 * column together), so the loads stay contiguous instead of gathering. Work is split over {@code (n, channel, row chunk)}; each output is computed by one
 * worker in a fixed order, so results are bitwise identical for any thread count.
 */
public final class Depthwise implements ConvAlgorithm {
    /** The singleton. */
    public static final Depthwise INSTANCE = new Depthwise();

    private Depthwise() {}

    @Override
    public String name() {
        return "depthwise";
    }

    @Override
    public Support supports(ConvSpec spec) {
        if (spec == null) {
            return Support.no("spec is null");
        }
        if (spec.groups() != spec.inChannels()) {
            return Support.no("groups = " + spec.groups() + ": depthwise needs groups == inChannels = "
                    + spec.inChannels() + " (one input channel per group)");
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
        private final DepthwiseKernel kernel;
        private final WorkerPool pool;
        private final float[] w;
        private final float[] bias;
        private final boolean relu;
        private final int mult;
        private final int chunks;
        private final int rowsPerChunk;
        private final int paddedW;
        private final int phaseLen;
        private final int srcRow;
        private final int[] colOff;
        private final float[][] scratch;
        // per worker: the rows of one item when the kernel's vector stores would reach past the
        // end of the output array (see run)
        private final float[][] lastRows;
        private float[] curIn;
        private int curInOff;
        private float[] curOut;
        private int curOutOff;

        Plan(ConvSpec spec, float[] weights, float[] bias, int threads) {
            this.spec = spec;
            this.kernel = DepthwiseKernel.create();
            this.pool = WorkerPool.shared(threads);
            this.w = weights.clone();
            this.bias = bias == null ? new float[spec.outChannels()] : bias.clone();
            this.relu = spec.activation() == Activation.RELU;
            this.mult = spec.outChannelsPerGroup();
            int planes = spec.batch() * spec.inChannels();
            int oh = spec.outHeight();
            // split rows only when there are too few planes to keep every worker busy
            int want = planes >= 4 * threads ? 1 : (4 * threads + planes - 1) / planes;
            int c = Math.min(oh, want);
            this.rowsPerChunk = (oh + c - 1) / c;
            this.chunks = (oh + rowsPerChunk - 1) / rowsPerChunk;
            this.paddedW = spec.inWidth() + spec.padLeft() + spec.padRight();
            int rowsNeeded = (rowsPerChunk - 1) * spec.strideH() + (spec.kernelH() - 1) * spec.dilationH() + 1;
            int sW = spec.strideW();
            this.phaseLen = (paddedW + sW - 1) / sW;
            this.srcRow = phaseLen * sW;
            this.colOff = new int[spec.kernelW()];
            for (int j = 0; j < colOff.length; j++) {
                int col = j * spec.dilationW();
                colOff[j] = (col % sW) * phaseLen + col / sW;
            }
            int size = Math.addExact(Math.multiplyExact(rowsNeeded, srcRow), DepthwiseKernel.SLACK);
            this.scratch = new float[threads][size];
            this.lastRows = new float[threads][Math.addExact(Math.multiplyExact(rowsPerChunk, spec.outWidth()),
                    DepthwiseKernel.STORE_REACH)];
        }

        @Override
        public ConvSpec spec() {
            return spec;
        }

        @Override
        public String algorithm() {
            return "depthwise";
        }

        @Override
        public void execute(float[] input, int inOff, float[] output, int outOff) {
            ConvArgs.checkExecute(spec, input, inOff, output, outOff);
            curIn = input;
            curInOff = inOff;
            curOut = output;
            curOutOff = outOff;
            try {
                pool.parallelFor(spec.batch() * spec.inChannels() * chunks, this);
            } finally {
                curIn = null;
                curOut = null;
            }
        }

        @Override
        public void run(int begin, int end, int worker) {
            float[] src = scratch[worker];
            int h = spec.inHeight();
            int wIn = spec.inWidth();
            int oh = spec.outHeight();
            int ow = spec.outWidth();
            int r = spec.kernelH();
            int s = spec.kernelW();
            int sH = spec.strideH();
            int dH = spec.dilationH();
            int pl = spec.padLeft();
            int sW = spec.strideW();
            for (int item = begin; item < end; item++) {
                int chunk = item % chunks;
                int plane = item / chunks; // n * C + c
                int y0 = chunk * rowsPerChunk;
                int count = Math.min(rowsPerChunk, oh - y0);
                int rowsNeeded = (count - 1) * sH + (r - 1) * dH + 1;
                // padded rows y0*sH .. y0*sH + rowsNeeded - 1, input row = padded row - padTop
                int inPlane = curInOff + plane * h * wIn;
                for (int pr = 0; pr < rowsNeeded; pr++) {
                    int iy = y0 * sH + pr - spec.padTop();
                    int d = pr * srcRow;
                    if (iy < 0 || iy >= h) {
                        Arrays.fill(src, d, d + srcRow, 0f);
                    } else if (sW == 1) {
                        Arrays.fill(src, d, d + pl, 0f);
                        System.arraycopy(curIn, inPlane + iy * wIn, src, d + pl, wIn);
                        Arrays.fill(src, d + pl + wIn, d + srcRow, 0f);
                    } else {
                        // phase layout: padded column p goes to phase p % sW, position p / sW
                        int rowIn = inPlane + iy * wIn;
                        for (int ph = 0; ph < sW; ph++) {
                            int dp = d + ph * phaseLen;
                            // positions q whose column q * sW + ph - pl lies inside the input row
                            int qLo = Math.min(phaseLen, Math.max(0, (pl - ph + sW - 1) / sW));
                            int qHi = Math.max(qLo, Math.min(phaseLen, (wIn + pl - ph + sW - 1) / sW));
                            Arrays.fill(src, dp, dp + qLo, 0f);
                            int from = rowIn + qLo * sW + ph - pl;
                            kernel.strided(curIn, from, sW, qHi - qLo, src, dp + qLo);
                            Arrays.fill(src, dp + qHi, dp + phaseLen, 0f);
                        }
                    }
                }
                int n = plane / spec.inChannels();
                int c = plane % spec.inChannels();
                for (int q = 0; q < mult; q++) {
                    int k = c * mult + q;
                    int out = curOutOff + ((n * spec.outChannels() + k) * oh + y0) * ow;
                    if ((long) out + (long) count * ow + DepthwiseKernel.STORE_REACH <= curOut.length) {
                        kernel.rows(src, srcRow, colOff, w, k * r * s, bias[k], relu, curOut, out, ow, count, r, s,
                                sH, dH);
                    } else {
                        // the vector kernel's masked row-tail stores would reach past the end of the
                        // output array, and the Vector API's out-of-range path allocated once C2
                        // stopped inlining it (32 B per call after the property suite): same kernel,
                        // into a buffer with room, then copied
                        float[] rows = lastRows[worker];
                        kernel.rows(src, srcRow, colOff, w, k * r * s, bias[k], relu, rows, 0, ow, count, r, s,
                                sH, dH);
                        System.arraycopy(rows, 0, curOut, out, count * ow);
                    }
                }
            }
        }
    }
}
