package io.github.simdconv.pool;

import io.github.simdconv.parallel.ParallelBody;
import io.github.simdconv.spec.PoolKind;
import io.github.simdconv.spec.PoolSpec;

/**
 * The plan-time part of a pooling kernel, free of {@code jdk.incubator.vector} so that it loads on
 * any VM: the window geometry clipped once per output row and column, the scalar per-output
 * routines used for border outputs (and by the scalar fallback everywhere), and the per-call
 * arguments. One instance is the {@link ParallelBody} of a plan; its items are image planes
 * ({@code n*C + c}), so threads never share a window's reduction.
 *
 * <p>Interior/border split: output columns {@code [xLo, xHi)} have every tap of their window
 * inside the row (plus {@link #readReach} more elements that the vector loads of a row touch), so
 * the vector loop runs there without bounds tests; rows need no split, because a row's valid taps
 * {@code [iLo[y], iHi[y])} are the same for every column.
 */
abstract class PoolKernel implements ParallelBody {
    final PoolSpec spec;
    final boolean max;
    final boolean global;
    final int h, w, oh, ow, kh, kw, sh, sw, pt, pl, dh, dw;
    final int planeIn, planeOut;
    /** Per output row: valid window rows {@code [iLo, iHi)}. */
    final int[] iLo, iHi;
    /** Per output column: valid window columns {@code [jLo, jHi)}. */
    final int[] jLo, jHi;
    /** Average pooling: divisor factor per output row and per column (PyTorch's rule). */
    final int[] divH, divW;
    /** Output columns whose whole window, plus {@code readReach}, lies inside the row. */
    final int xLo, xHi;
    /** Elements past the last tap a vector kernel's loads touch (0 or 1). */
    final int readReach;

    // per call; written by the plan before the parallel loop, read by the workers
    float[] in;
    int inOff;
    float[] out;
    int outOff;
    int[] idx;
    int idxOff;

    PoolKernel(PoolSpec s, int readReach) {
        this.spec = s;
        this.max = s.kind() == PoolKind.MAX;
        this.global = s.isGlobal();
        this.h = s.inHeight();
        this.w = s.inWidth();
        this.oh = s.outHeight();
        this.ow = s.outWidth();
        this.kh = s.kernelH();
        this.kw = s.kernelW();
        this.sh = s.strideH();
        this.sw = s.strideW();
        this.pt = s.padTop();
        this.pl = s.padLeft();
        this.dh = s.dilationH();
        this.dw = s.dilationW();
        this.planeIn = h * w;
        this.planeOut = oh * ow;
        this.readReach = readReach;
        iLo = new int[oh];
        iHi = new int[oh];
        divH = new int[oh];
        for (int y = 0; y < oh; y++) {
            int ry = y * sh - pt;
            iLo[y] = firstTap(ry, dh);
            iHi[y] = Math.max(iLo[y], endTap(ry, kh, dh, h));
            int y1 = Math.min(ry + kh, h + s.padBottom());
            divH[y] = s.countIncludePad() ? y1 - ry : iHi[y] - iLo[y];
        }
        jLo = new int[ow];
        jHi = new int[ow];
        divW = new int[ow];
        int lo = ow;
        int hi = 0;
        for (int x = 0; x < ow; x++) {
            int rx = x * sw - pl;
            jLo[x] = firstTap(rx, dw);
            jHi[x] = Math.max(jLo[x], endTap(rx, kw, dw, w));
            int x1 = Math.min(rx + kw, w + s.padRight());
            divW[x] = s.countIncludePad() ? x1 - rx : jHi[x] - jLo[x];
            if (rx >= 0 && (long) rx + (long) (kw - 1) * dw + readReach <= w - 1) {
                lo = Math.min(lo, x);
                hi = x + 1;
            }
        }
        this.xLo = Math.min(lo, hi);
        this.xHi = hi;
    }

    /** First tap index {@code i} with {@code start + i*d >= 0}. */
    private static int firstTap(int start, int d) {
        return start >= 0 ? 0 : (-start + d - 1) / d;
    }

    /** One past the last tap index {@code i < k} with {@code start + i*d < size}. */
    private static int endTap(int start, int k, int d, int size) {
        long last = (long) size - 1 - start;
        if (last < 0) {
            return 0;
        }
        return (int) Math.min(k, last / d + 1);
    }

    @Override
    public final void run(int begin, int end, int worker) {
        if (global) {
            for (int p = begin; p < end; p++) {
                globalPlane(p, worker);
            }
        } else {
            for (int p = begin; p < end; p++) {
                plane(p, worker);
            }
        }
    }

    /** Pools one image plane of a windowed (non-global) spec; {@code worker} picks scratch memory. */
    abstract void plane(int p, int worker);

    /** Pools one image plane of a global spec. */
    abstract void globalPlane(int p, int worker);

    /**
     * Max of one window, exactly as the reference folds it (row-major, {@code v > max || isNaN(v)},
     * first tap always taken), without per-tap bounds tests.
     *
     * @param argBase plane start relative to {@code inOff} (index origin)
     */
    final void maxOne(float[] a, int argBase, int y, int x, float[] o, int oi, int[] ix, int ii) {
        int i0 = iLo[y];
        int i1 = iHi[y];
        int j0 = jLo[x];
        int j1 = jHi[x];
        int ry = y * sh - pt;
        int rx = x * sw - pl;
        int base = inOff + argBase;
        float m = Float.NEGATIVE_INFINITY;
        int arg = -1;
        for (int i = i0; i < i1; i++) {
            int row = (ry + i * dh) * w + rx;
            for (int j = j0; j < j1; j++) {
                int p = row + j * dw;
                float v = a[base + p];
                if (arg < 0 || v > m || v != v) {
                    m = v;
                    arg = argBase + p;
                }
            }
        }
        o[oi] = m;
        if (ix != null) {
            ix[ii] = arg;
        }
    }

    /** Mean of one window: float sum in row-major order, one division by PyTorch's divisor. */
    final void avgOne(float[] a, int inBase, int y, int x, float[] o, int oi) {
        int i0 = iLo[y];
        int i1 = iHi[y];
        int j0 = jLo[x];
        int j1 = jHi[x];
        int ry = y * sh - pt;
        int rx = x * sw - pl;
        float sum = 0f;
        for (int i = i0; i < i1; i++) {
            int row = inBase + (ry + i) * w + rx;
            for (int j = j0; j < j1; j++) {
                sum += a[row + j];
            }
        }
        o[oi] = sum / (float) (divH[y] * divW[x]);
    }

    /** Scalar outputs {@code [x0, x1)} of output row {@code y} of plane {@code p}. */
    final void scalarColumns(int p, int y, int x0, int x1) {
        float[] a = in;
        float[] o = out;
        int oBase = outOff + p * planeOut + y * ow;
        if (max) {
            int[] ix = idx;
            int iBase = idxOff + p * planeOut + y * ow;
            for (int x = x0; x < x1; x++) {
                maxOne(a, p * planeIn, y, x, o, oBase + x, ix, iBase + x);
            }
        } else {
            int inBase = inOff + p * planeIn;
            for (int x = x0; x < x1; x++) {
                avgOne(a, inBase, y, x, o, oBase + x);
            }
        }
    }

    /** Global max of one plane, sequential: the reference's fold over the whole image. */
    final void globalMaxScalar(int p, int from, float m0, int arg0) {
        float[] a = in;
        int base = inOff + p * planeIn;
        float m = m0;
        int arg = arg0;
        for (int k = from; k < planeIn; k++) {
            float v = a[base + k];
            if (arg < 0 || v > m || v != v) {
                m = v;
                arg = k;
            }
        }
        out[outOff + p] = m;
        if (idx != null) {
            idx[idxOff + p] = p * planeIn + arg;
        }
    }
}
