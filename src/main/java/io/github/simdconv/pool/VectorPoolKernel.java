package io.github.simdconv.pool;

import io.github.simdconv.spec.PoolSpec;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API pooling kernel: one vector holds {@code L} neighbouring outputs of a row, so every
 * window tap is one vector load (stride 1), one de-interleave of two loads (stride 2: a two-vector
 * {@code rearrange} with {@link VectorShuffle#makeUnzip}, no gather) or a gather (stride 3 and
 * more). Loaded only when {@link io.github.simdconv.simd.Simd#vectorEnabled()} is true.
 *
 * <p>Max keeps the reference's fold exactly: taps are visited in row-major window order and a lane
 * takes the tap when {@code v > max || v != v} (PyTorch's {@code val > maxval || isnan(val)}), as a
 * compare-or-compare-blend. A lanewise {@code MAX} would not do: it orders -0 below +0 and returns
 * the first NaN's payload, where the reference keeps the first of equal values and the last NaN.
 * So max pooling is bitwise equal to the reference, zeros' signs, NaN payloads and argmax included.
 *
 * <p>Fast paths (values only, no indices): windows 3 wide and 2 wide at horizontal stride 2 (the
 * ResNet stem pool and the 2x2/s2 pools) load each row pair once for two taps; everything else
 * runs the generic loop, which handles any kernel, dilation and stride. Max 3x3/s2 runs a whole
 * plane in one method (row maxima of the shared row kept, NaN-free rows folded with one compare,
 * inner output rows in one unrolled loop over both fresh tap rows, the left padding column and a
 * right column clipped to 1 or 2 taps inside the vector loop); 2x2/s2 rows with both tap rows and
 * no clipped column run as one loop per plane (max: NaN-free rows with one compare per tap too). Other border outputs (windows clipped by padding) run the
 * scalar routine of {@link PoolKernel}; a row whose interior is not a multiple of {@code L}
 * finishes with one overlapping vector (outputs are recomputed, never read, so writing them twice
 * is harmless).
 *
 * <p>Global pooling vectorizes over the plane: the average sums {@code L} lanes and reduces; the
 * max folds each lane with its element positions and then merges the lanes so that the result is
 * what the sequential fold gives (last NaN by position, else the maximum at its first position).
 */
final class VectorPoolKernel extends PoolKernel {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> IS = speciesInt();
    private static final int L = FS.length();
    private static final VectorShuffle<Float> EVEN = VectorShuffle.makeUnzip(FS, 0);
    /**
     * Lane {@code i} takes lane {@code i ^ (L >> j)} for {@code XOR[j]}: the butterfly of global
     * average pooling's fixed-order lane sum (levels past log2 L are unused).
     */
    private static final VectorShuffle<Float> XOR1 = xorShuffle(1);
    private static final VectorShuffle<Float> XOR2 = xorShuffle(2);
    private static final VectorShuffle<Float> XOR3 = xorShuffle(3);
    private static final VectorShuffle<Float> XOR4 = xorShuffle(4);
    private static final VectorShuffle<Float> XOR5 = xorShuffle(5);

    private static VectorShuffle<Float> xorShuffle(int level) {
        int d = Math.max(1, L >> level);
        return VectorShuffle.fromOp(FS, i -> i ^ d);
    }
    private static final VectorShuffle<Float> ODD = VectorShuffle.makeUnzip(FS, 1);
    /** Columns {@code 0, 1, 3, 5, ..., 2L-3} of a row pair: a 3-wide stride-2 window's first tap with column -1 replaced by 0. */
    private static final VectorShuffle<Float> FIRST = firstShuffle();
    /** Even lanes to the low half, odd lanes to the high half ({@link #SPLIT1}: the other way round). */
    private static final VectorShuffle<Float> SPLIT0 = VectorShuffle.fromOp(FS, k -> k < L / 2 ? 2 * k : 2 * (k - L / 2) + 1);
    private static final VectorShuffle<Float> SPLIT1 = VectorShuffle.fromOp(FS, k -> k < L / 2 ? 2 * k + 1 : 2 * (k - L / 2));
    /** Swaps the halves. */
    private static final VectorShuffle<Float> SWAP = VectorShuffle.fromOp(FS, k -> (k + L / 2) % L);
    /** Lane {@code k} takes lane {@code k + 1} (the last lane is replaced by a blend). */
    private static final VectorShuffle<Float> ROT1 = VectorShuffle.fromOp(FS, k -> (k + 1) % L);
    private static final VectorMask<Float> HIGH = VectorMask.fromLong(FS, ((1L << L) - 1) & ~((1L << (L / 2)) - 1));
    private static final VectorMask<Float> LAST = VectorMask.fromLong(FS, 1L << (L - 1));

    static final int GENERIC = 0;
    static final int MAX_W3_S2 = 1;
    static final int MAX_W2_S2 = 2;
    static final int AVG_W2_S2 = 3;
    static final int MAX_3X3_S2 = 4;

    /** Which inner loop the values-only path runs. */
    final int fast;
    /** Gather offsets {@code lane * strideW} for strides of 3 and more. */
    private final int[] gatherMap;
    /**
     * Per-worker scratch for the lane merge of global pooling, used at {@code [PAD, PAD + L)}. The
     * padding keeps two workers' scratch off each other's cache lines: small arrays allocated one
     * after another sit next to each other in the heap, and unpadded 16-float arrays made global
     * average pooling 4x slower on two threads than on one (resnet_gap_7_b128: 5.55 ms on one
     * thread, 22.3 ms on two; false sharing on every plane's lane store).
     */
    private final float[][] laneValues;
    private final int[][] lanePositions;
    /** Floats of padding on each side of a worker's lane scratch: two 64-byte cache lines. */
    private static final int PAD = 32;
    /**
     * Max 3x3/s2 only: the first output column's window is columns (-1, 0, 1) clipped to (0, 1), and
     * the vector loop starts at column 0 ({@link #FIRST}) instead of leaving it to the scalar routine.
     */
    private final boolean leftEdge3;
    /** 2x2/s2 fast paths: output rows {@code [fullLo, fullHi)} have both tap rows and no clipped column. */
    private final int fullLo, fullHi;
    /**
     * Max 3x3/s2 only: the last output column's window is clipped on the right to 1 or 2 taps and
     * {@link #max3x3S2Inner} computes it with a last vector from the pair {@code edgeShift}
     * columns left of its first tap, with shuffles {@code edge0..2} (missing taps repeat the
     * lane's last valid tap, which leaves the fold unchanged).
     */
    private final boolean rightEdge3;
    private final int edgeShift;
    private final VectorShuffle<Float> edge0, edge1, edge2;
    /** Per-worker pair of row buffers: the 3-wide row maxima of the last tap row, for the next output row. */
    private final float[][][] rowMax;

    private static VectorShuffle<Float> firstShuffle() {
        int[] ix = new int[L];
        for (int k = 1; k < L; k++) {
            ix[k] = 2 * k - 1; // indices of L and more pick from the second vector of rearrange(s, v)
        }
        return VectorShuffle.fromArray(FS, ix, 0);
    }

    /** Tap {@code t} of lanes {@code k}: pair index {@code 2k + t + shift}, at most {@code 2L-1}. */
    private static VectorShuffle<Float> edgeShuffle(int shift, int t) {
        int[] ix = new int[L];
        for (int k = 0; k < L; k++) {
            ix[k] = Math.min(2 * k + t + shift, 2 * L - 1);
        }
        return VectorShuffle.fromArray(FS, ix, 0);
    }

    private static VectorSpecies<Integer> speciesInt() {
        // withLanes(int.class) is already typed VectorSpecies<Integer>: same shape as the float species
        return FS.withLanes(int.class);
    }

    VectorPoolKernel(PoolSpec s, int threads) {
        super(s, s.strideW() == 2 && s.kernelW() == 1 ? 1 : 0);
        int f = GENERIC;
        if (sw == 2 && dw == 1) {
            if (max && kw == 3 && kh == 3 && sh == 2 && dh == 1) {
                f = MAX_3X3_S2;
            } else if (max && kw == 3) {
                f = MAX_W3_S2;
            } else if (max && kw == 2) {
                f = MAX_W2_S2;
            } else if (!max && kw == 2) {
                f = AVG_W2_S2;
            }
        }
        this.fast = f;
        this.leftEdge3 = f == MAX_3X3_S2 && pl == 1 && xLo == 1 && w >= 2 * L;
        int lastX = ow - 1;
        int edgeTaps = jHi[lastX] - jLo[lastX];
        int shift = 2 - edgeTaps;
        this.rightEdge3 = f == MAX_3X3_S2 && xHi == lastX && xHi - xLo >= L && ow > L
                && jLo[lastX] == 0 && edgeTaps >= 1 && edgeTaps <= 2 && 2 * (ow - L) - pl - shift >= 0;
        this.edgeShift = rightEdge3 ? shift : 0;
        this.edge0 = edgeShuffle(edgeShift, 0);
        this.edge1 = edgeShuffle(edgeShift, 1);
        this.edge2 = edgeShuffle(edgeShift, 2);
        int lo = 0;
        int hi = 0;
        if ((f == MAX_W2_S2 || f == AVG_W2_S2) && kh == 2 && sh == 2 && dh == 1 && xLo == 0 && xHi == ow && ow >= L) {
            lo = oh;
            for (int y = 0; y < oh; y++) {
                if (iLo[y] == 0 && iHi[y] == 2 && divH[y] == 2) {
                    lo = Math.min(lo, y);
                    hi = y + 1;
                }
            }
            lo = Math.min(lo, hi);
        }
        this.fullLo = lo;
        this.fullHi = hi;
        this.gatherMap = new int[L];
        for (int i = 0; i < L; i++) {
            gatherMap[i] = i * sw;
        }
        this.laneValues = new float[threads][PAD + L + PAD];
        this.lanePositions = new int[threads][PAD + L + PAD];
        // row buffers get the same padding: workers write them for every output row
        this.rowMax = new float[threads][2][f == MAX_3X3_S2 ? ow + 2 * PAD : 0];
    }

    /** @return the number of lanes */
    static int lanes() {
        return L;
    }

    /** Tap vector at input offset {@code off} (stride 2: {@code notFirst} = not the window's first column). */
    private FloatVector tap(float[] a, int off, boolean notFirst) {
        if (sw == 1) {
            return FloatVector.fromArray(FS, a, off);
        }
        if (sw == 2) {
            // odd lanes of the pair one to the left read exactly up to the last tap; the first
            // column takes even lanes instead, never reading before the row
            if (notFirst) {
                return FloatVector.fromArray(FS, a, off - 1).rearrange(ODD, FloatVector.fromArray(FS, a, off - 1 + L));
            }
            return FloatVector.fromArray(FS, a, off).rearrange(EVEN, FloatVector.fromArray(FS, a, off + L));
        }
        return FloatVector.fromArray(FS, a, off, gatherMap, 0);
    }

    @Override
    void plane(int p, int worker) {
        float[][] bufs = rowMax[worker];
        boolean values = idx == null; // the fast paths are values-only
        if (fast == MAX_3X3_S2 && values) {
            max3x3S2Plane(p, bufs);
            return;
        }
        for (int y = 0; y < oh; y++) {
            if (y == fullLo && fullLo < fullHi && values) {
                // every row from here to fullHi is a plain 2x2/s2 row: one tight loop, no per-row dispatch
                if (max) {
                    max2x2S2Rows(p, fullLo, fullHi);
                } else {
                    avg2x2S2Rows(p, fullLo, fullHi);
                }
                y = fullHi - 1;
                continue;
            }
            if (iLo[y] >= iHi[y] || xHi - xLo < L) {
                scalarColumns(p, y, 0, ow);
                continue;
            }
            scalarColumns(p, y, 0, xLo);
            if (!max) {
                avgRow(p, y);
            } else if (idx != null) {
                maxRowIndices(p, y);
            } else if (fast == MAX_W3_S2) {
                maxRowW3S2(p, y);
            } else if (fast == MAX_W2_S2) {
                maxRowW2S2(p, y);
            } else {
                maxRow(p, y);
            }
            scalarColumns(p, y, xHi, ow);
        }
    }

    /** Generic max over the vector columns of row {@code y}. */
    private void maxRow(int p, int y) {
        float[] a = in;
        float[] o = out;
        int base = inOff + p * planeIn;
        int oRow = outOff + p * planeOut + y * ow;
        int ry = y * sh - pt;
        int i0 = iLo[y];
        int i1 = iHi[y];
        int last = xHi - L;
        for (int x = xLo;; x += L) {
            x = Math.min(x, last);
            int rx = x * sw - pl;
            int r0 = base + (ry + i0 * dh) * w + rx;
            FloatVector m = tap(a, r0, false);
            for (int j = 1; j < kw; j++) {
                FloatVector v = tap(a, r0 + j * dw, true);
                m = m.blend(v, v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v)));
            }
            for (int i = i0 + 1; i < i1; i++) {
                int r = base + (ry + i * dh) * w + rx;
                for (int j = 0; j < kw; j++) {
                    FloatVector v = tap(a, r + j * dw, j > 0);
                    m = m.blend(v, v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v)));
                }
            }
            m.intoArray(o, oRow + x);
            if (x == last) {
                break;
            }
        }
    }

    /** Max with argmax over the vector columns of row {@code y}: the tap's flat index rides along. */
    private void maxRowIndices(int p, int y) {
        float[] a = in;
        float[] o = out;
        int[] ix = idx;
        int argBase = p * planeIn;
        int base = inOff + argBase;
        int oRow = p * planeOut + y * ow;
        int ry = y * sh - pt;
        int i0 = iLo[y];
        int i1 = iHi[y];
        int last = xHi - L;
        IntVector laneStep = IntVector.zero(IS).addIndex(sw);
        for (int x = xLo;; x += L) {
            x = Math.min(x, last);
            int rx = x * sw - pl;
            int q0 = (ry + i0 * dh) * w + rx;
            FloatVector m = tap(a, base + q0, false);
            IntVector arg = laneStep.add(argBase + q0);
            for (int i = i0; i < i1; i++) {
                int q = (ry + i * dh) * w + rx;
                for (int j = i == i0 ? 1 : 0; j < kw; j++) {
                    FloatVector v = tap(a, base + q + j * dw, j > 0);
                    VectorMask<Float> take = v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v));
                    m = m.blend(v, take);
                    arg = arg.blend(laneStep.add(argBase + q + j * dw), take.cast(IS));
                }
            }
            m.intoArray(o, outOff + oRow + x);
            arg.intoArray(ix, idxOff + oRow + x);
            if (x == last) {
                break;
            }
        }
    }

    /**
     * Max 3x3/s2: the window's fold is the fold of its three row maxima (the fold is associative:
     * "last NaN, else first maximum" of a concatenation is the same rule applied to the parts'
     * results, in order). Output row {@code y}'s last tap row is output row {@code y+1}'s first,
     * so its row maxima are kept in a row buffer and reused: two row maxima per output instead of
     * three. The rows run in one loop per plane (no per-row dispatch); the two buffers swap roles
     * each row, so the overlapping last vector never reads maxima of the row being written.
     */
    private void max3x3S2Plane(int p, float[][] bufs) {
        float[] a = in;
        float[] o = out;
        int base = inOff + p * planeIn;
        FloatVector negInf = FloatVector.broadcast(FS, Float.NEGATIVE_INFINITY);
        FloatVector zero = FloatVector.zero(FS);
        // after a row with a NaN the plane runs the exact fold only (NaN data tends to come in bulk)
        boolean sawNaN = false;
        // input row whose row maxima (over the vector columns) sit in prev
        int held = -1;
        float[] prev = bufs[0];
        float[] next = bufs[1];
        int oRow = outOff + p * planeOut - ow;
        for (int y = 0; y < oh; y++) {
            oRow += ow;
            if (iLo[y] >= iHi[y] || xHi - xLo < L) {
                scalarColumns(p, y, 0, ow);
                continue;
            }
            if (!leftEdge3 && xLo > 0) {
                scalarColumns(p, y, 0, xLo);
            }
            int ry = y * 2 - pt;
            int first = ry + iLo[y];
            int lastRow = ry + iHi[y] - 1;
            boolean reuse = first == held;
            int last = xHi - L;
            int from = reuse ? first + 1 : first;
            if (reuse && first == lastRow) {
                // the windows' only tap row is the held one (a ceil-mode or padded last row): the
                // outputs are its row maxima. Not through the loops below: with no tap row to load,
                // C2 kept their vectors boxed (100 KB allocated per call on a 64x112x112 ceil pool)
                int x0 = leftEdge3 ? 0 : xLo;
                int x1 = rightEdge3 ? ow : xHi;
                System.arraycopy(prev, x0, o, oRow + x0, x1 - x0);
                if (x1 < ow) {
                    scalarColumns(p, y, x1, ow);
                }
                continue;
            }
            boolean done = false;
            boolean innerRow = !sawNaN && reuse && lastRow == first + 2;
            if (innerRow) {
                int q1 = base + (first + 1) * w;
                done = max3x3S2Inner(prev, next, q1, oRow);
                sawNaN = !done;
            } else if (!sawNaN) {
                // fold (v > m) only: equal to the exact fold when no tap of these rows is NaN (the
                // held maxima may be NaN: nothing is greater, so they stay, as in the exact fold).
                // The taps' sum is NaN if one is (or if infinities of both signs or an overflow
                // meet: then the row is merely recomputed); on NaN the exact loop below redoes
                // the row, reading the same held maxima and rewriting everything it wrote.
                int x0 = xLo;
                FloatVector taps = zero;
                if (leftEdge3) {
                    // outputs 0..L-1 from the row pair at column 0: tap 0 is column 2k-1, and for lane 0
                    // (column -1, padding) column 0 again; the fold of (c0, c0, c1) is the fold of (c0, c1),
                    // as a tap equal to the current maximum (same bits) never changes it
                    FloatVector m = reuse ? FloatVector.fromArray(FS, prev, 0) : negInf;
                    for (int r = from; r <= lastRow; r++) {
                        int q = base + r * w;
                        FloatVector p0 = FloatVector.fromArray(FS, a, q);
                        FloatVector p1 = FloatVector.fromArray(FS, a, q + L);
                        FloatVector h = p0.rearrange(FIRST, p1);
                        FloatVector v = p0.rearrange(EVEN, p1);
                        FloatVector sum = h.add(v);
                        h = h.blend(v, v.compare(VectorOperators.GT, h));
                        v = p0.rearrange(ODD, p1);
                        taps = taps.add(sum.add(v));
                        h = h.blend(v, v.compare(VectorOperators.GT, h));
                        m = m.blend(h, h.compare(VectorOperators.GT, m));
                        if (r == lastRow && r != first) {
                            h.intoArray(next, 0);
                        }
                    }
                    if (first == lastRow) {
                        m.intoArray(next, 0);
                    }
                    m.intoArray(o, oRow);
                    x0 = L;
                }
                for (int x = x0;; x += L) {
                    x = Math.min(x, last);
                    int c = base + x * 2 - pl;
                    // starting from -inf is exact for values: -inf is only replaced by something else
                    FloatVector m = reuse ? FloatVector.fromArray(FS, prev, x) : negInf;
                    for (int r = from; r <= lastRow; r++) {
                        // the row's 3 taps: 0 and 1 from one pair, 2 from the pair one right (inline:
                        // a helper taking or returning vectors that C2 does not inline boxes them)
                        int q = c + r * w;
                        FloatVector p0 = FloatVector.fromArray(FS, a, q);
                        FloatVector p1 = FloatVector.fromArray(FS, a, q + L);
                        FloatVector h = p0.rearrange(EVEN, p1);
                        FloatVector v = p0.rearrange(ODD, p1);
                        FloatVector sum = h.add(v);
                        h = h.blend(v, v.compare(VectorOperators.GT, h));
                        v = FloatVector.fromArray(FS, a, q + 1).rearrange(ODD, FloatVector.fromArray(FS, a, q + 1 + L));
                        taps = taps.add(sum.add(v));
                        h = h.blend(v, v.compare(VectorOperators.GT, h));
                        m = m.blend(h, h.compare(VectorOperators.GT, m));
                        if (r == lastRow && r != first) {
                            h.intoArray(next, x);
                        }
                    }
                    if (first == lastRow) {
                        m.intoArray(next, x);
                    }
                    m.intoArray(o, oRow + x);
                    if (x == last) {
                        break;
                    }
                }
                done = !taps.compare(VectorOperators.NE, taps).anyTrue();
                sawNaN = !done;
            }
            if (!done) {
                int x0 = xLo;
                if (leftEdge3) {
                    // outputs 0..L-1 from the row pair at column 0: tap 0 is column 2k-1, and for lane 0
                    // (column -1, padding) column 0 again; the fold of (c0, c0, c1) is the fold of (c0, c1),
                    // as a tap equal to the current maximum (same bits) never changes it
                    FloatVector m = reuse ? FloatVector.fromArray(FS, prev, 0) : negInf;
                    for (int r = from; r <= lastRow; r++) {
                        int q = base + r * w;
                        FloatVector p0 = FloatVector.fromArray(FS, a, q);
                        FloatVector p1 = FloatVector.fromArray(FS, a, q + L);
                        FloatVector h = p0.rearrange(FIRST, p1);
                        FloatVector v = p0.rearrange(EVEN, p1);
                        h = h.blend(v, v.compare(VectorOperators.GT, h).or(v.compare(VectorOperators.NE, v)));
                        v = p0.rearrange(ODD, p1);
                        h = h.blend(v, v.compare(VectorOperators.GT, h).or(v.compare(VectorOperators.NE, v)));
                        m = m.blend(h, h.compare(VectorOperators.GT, m).or(h.compare(VectorOperators.NE, h)));
                        if (r == lastRow && r != first) {
                            h.intoArray(next, 0);
                        }
                    }
                    if (first == lastRow) {
                        m.intoArray(next, 0);
                    }
                    m.intoArray(o, oRow);
                    x0 = L;
                }
                for (int x = x0;; x += L) {
                    x = Math.min(x, last);
                    int c = base + x * 2 - pl;
                    // starting from -inf is exact for values: -inf is only replaced by something else
                    FloatVector m = reuse ? FloatVector.fromArray(FS, prev, x) : negInf;
                    for (int r = from; r <= lastRow; r++) {
                        // the row's 3 taps: 0 and 1 from one pair, 2 from the pair one right (inline:
                        // a helper taking or returning vectors that C2 does not inline boxes them)
                        int q = c + r * w;
                        FloatVector p0 = FloatVector.fromArray(FS, a, q);
                        FloatVector p1 = FloatVector.fromArray(FS, a, q + L);
                        FloatVector h = p0.rearrange(EVEN, p1);
                        FloatVector v = p0.rearrange(ODD, p1);
                        h = h.blend(v, v.compare(VectorOperators.GT, h).or(v.compare(VectorOperators.NE, v)));
                        v = FloatVector.fromArray(FS, a, q + 1).rearrange(ODD, FloatVector.fromArray(FS, a, q + 1 + L));
                        h = h.blend(v, v.compare(VectorOperators.GT, h).or(v.compare(VectorOperators.NE, v)));
                        m = m.blend(h, h.compare(VectorOperators.GT, m).or(h.compare(VectorOperators.NE, h)));
                        if (r == lastRow && r != first) {
                            h.intoArray(next, x);
                        }
                    }
                    if (first == lastRow) {
                        m.intoArray(next, x);
                    }
                    m.intoArray(o, oRow + x);
                    if (x == last) {
                        break;
                    }
                }
            }
            if (xHi < ow && !(done && innerRow && rightEdge3)) {
                scalarColumns(p, y, xHi, ow);
                if (rightEdge3) {
                    // the row maxima of the clipped last column, which max3x3S2Inner reads
                    next[ow - 1] = rightEdgeRowMax(base + lastRow * w);
                }
            }
            held = lastRow;
            float[] t = prev;
            prev = next;
            next = t;
        }
    }

    /**
     * One inner output row of max 3x3/s2 with the NaN-free fold ({@code v > m}): the held row maxima
     * of the first tap row in {@code prev}, the two other tap rows starting at {@code q1} and
     * {@code q1 + w}; the last row's maxima go to {@code next}. Per {@code L} outputs: seven loads
     * (three per row and the held maxima), eight one-vector permutes and six mask blends for the
     * de-interleave (evens, odds and evens shifted by one lane of each row), six compare-blends,
     * four adds for the NaN test, two stores.
     *
     * @return false if a tap may be NaN (the caller then redoes the row with the exact fold)
     */
    private boolean max3x3S2Inner(float[] prev, float[] next, int q1, int oRow) {
        float[] a = in;
        float[] o = out;
        int q2 = q1 + w;
        int last = xHi - L;
        FloatVector taps = FloatVector.zero(FS);
        int x = xLo;
        if (leftEdge3) {
            FloatVector a0 = FloatVector.fromArray(FS, a, q1);
            FloatVector a1 = FloatVector.fromArray(FS, a, q1 + L);
            FloatVector b0 = FloatVector.fromArray(FS, a, q2);
            FloatVector b1 = FloatVector.fromArray(FS, a, q2 + L);
            FloatVector h = a0.rearrange(FIRST, a1);
            FloatVector e = a0.rearrange(EVEN, a1);
            FloatVector d = a0.rearrange(ODD, a1);
            h = h.blend(e, e.compare(VectorOperators.GT, h));
            h = h.blend(d, d.compare(VectorOperators.GT, h));
            FloatVector g = b0.rearrange(FIRST, b1);
            FloatVector f = b0.rearrange(EVEN, b1);
            FloatVector k = b0.rearrange(ODD, b1);
            g = g.blend(f, f.compare(VectorOperators.GT, g));
            g = g.blend(k, k.compare(VectorOperators.GT, g));
            FloatVector m = FloatVector.fromArray(FS, prev, 0);
            m = m.blend(h, h.compare(VectorOperators.GT, m));
            m = m.blend(g, g.compare(VectorOperators.GT, m));
            g.intoArray(next, 0);
            m.intoArray(o, oRow);
            taps = a0.add(a1).add(b0.add(b1));
            x = L;
        }
        for (;; x += L) {
            x = Math.min(x, last);
            int c1 = q1 + 2 * x - pl;
            int c2 = c1 + w;
            FloatVector a0 = FloatVector.fromArray(FS, a, c1);
            FloatVector a1 = FloatVector.fromArray(FS, a, c1 + L);
            FloatVector a2 = FloatVector.fromArray(FS, a, c1 + L + 1);
            FloatVector b0 = FloatVector.fromArray(FS, a, c2);
            FloatVector b1 = FloatVector.fromArray(FS, a, c2 + L);
            FloatVector b2 = FloatVector.fromArray(FS, a, c2 + L + 1);
            taps = taps.add(a0.add(a1).add(b0.add(b1)));
            // de-interleave without two-vector rearranges (C2 compiles each as two vpermps and a
            // blend): each load is split into [evens | odds] or [odds | evens] by one permute, two
            // blends take the evens and the (half-swapped) odds, one permute swaps the odds' halves;
            // tap 2 is the evens rotated by one lane, the last lane from a2 (column c + 2L)
            FloatVector pa = a0.rearrange(SPLIT0);
            FloatVector qa = a1.rearrange(SPLIT1);
            FloatVector e = pa.blend(qa, HIGH);
            FloatVector d = qa.blend(pa, HIGH).rearrange(SWAP);
            FloatVector t = e.rearrange(ROT1).blend(a2, LAST);
            FloatVector pb = b0.rearrange(SPLIT0);
            FloatVector qb = b1.rearrange(SPLIT1);
            FloatVector f = pb.blend(qb, HIGH);
            FloatVector k = qb.blend(pb, HIGH).rearrange(SWAP);
            FloatVector u = f.rearrange(ROT1).blend(b2, LAST);
            FloatVector h = e.blend(d, d.compare(VectorOperators.GT, e));
            h = h.blend(t, t.compare(VectorOperators.GT, h));
            FloatVector g = f.blend(k, k.compare(VectorOperators.GT, f));
            g = g.blend(u, u.compare(VectorOperators.GT, g));
            FloatVector m = FloatVector.fromArray(FS, prev, x);
            m = m.blend(h, h.compare(VectorOperators.GT, m));
            m = m.blend(g, g.compare(VectorOperators.GT, m));
            g.intoArray(next, x);
            m.intoArray(o, oRow + x);
            if (x == last) {
                break;
            }
        }
        if (rightEdge3) {
            // the clipped last column (1 or 2 taps): one more vector ending at it, from the pair
            // ending at the last column; its last lane's missing taps repeat its last valid one
            int xe = ow - L;
            int c1 = q1 + 2 * xe - pl - edgeShift;
            int c2 = c1 + w;
            FloatVector a0 = FloatVector.fromArray(FS, a, c1);
            FloatVector a1 = FloatVector.fromArray(FS, a, c1 + L);
            FloatVector b0 = FloatVector.fromArray(FS, a, c2);
            FloatVector b1 = FloatVector.fromArray(FS, a, c2 + L);
            taps = taps.add(a0.add(a1).add(b0.add(b1)));
            FloatVector h = a0.rearrange(edge0, a1);
            FloatVector v = a0.rearrange(edge1, a1);
            h = h.blend(v, v.compare(VectorOperators.GT, h));
            v = a0.rearrange(edge2, a1);
            h = h.blend(v, v.compare(VectorOperators.GT, h));
            FloatVector g = b0.rearrange(edge0, b1);
            v = b0.rearrange(edge1, b1);
            g = g.blend(v, v.compare(VectorOperators.GT, g));
            v = b0.rearrange(edge2, b1);
            g = g.blend(v, v.compare(VectorOperators.GT, g));
            FloatVector m = FloatVector.fromArray(FS, prev, xe);
            m = m.blend(h, h.compare(VectorOperators.GT, m));
            m = m.blend(g, g.compare(VectorOperators.GT, m));
            g.intoArray(next, xe);
            m.intoArray(o, oRow + xe);
        }
        // the loads a0, a1 cover every tap column but the last vector's last one
        int lastCol = 2 * last - pl + 2 * L;
        float c = a[q1 + lastCol] + a[q2 + lastCol];
        return c == c && !taps.compare(VectorOperators.NE, taps).anyTrue();
    }

    /** Exact fold of the last output column's taps in the row starting at {@code q}. */
    private float rightEdgeRowMax(int q) {
        float[] a = in;
        int x = ow - 1;
        int c = q + x * 2 - pl;
        float m = a[c + jLo[x]];
        for (int j = jLo[x] + 1; j < jHi[x]; j++) {
            float v = a[c + j];
            if (v > m || v != v) {
                m = v;
            }
        }
        return m;
    }

    /** Max, window 3 wide at stride 2: one row pair gives taps 0 and 1, the pair one right tap 2. */
    private void maxRowW3S2(int p, int y) {
        float[] a = in;
        float[] o = out;
        int base = inOff + p * planeIn;
        int oRow = outOff + p * planeOut + y * ow;
        int ry = y * sh - pt;
        int i0 = iLo[y];
        int i1 = iHi[y];
        int last = xHi - L;
        for (int x = xLo;; x += L) {
            x = Math.min(x, last);
            int r = base + (ry + i0 * dh) * w + x * 2 - pl;
            FloatVector p0 = FloatVector.fromArray(FS, a, r);
            FloatVector p1 = FloatVector.fromArray(FS, a, r + L);
            FloatVector m = p0.rearrange(EVEN, p1);
            FloatVector v = p0.rearrange(ODD, p1);
            m = m.blend(v, v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v)));
            v = FloatVector.fromArray(FS, a, r + 1).rearrange(ODD, FloatVector.fromArray(FS, a, r + 1 + L));
            m = m.blend(v, v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v)));
            for (int i = i0 + 1; i < i1; i++) {
                r = base + (ry + i * dh) * w + x * 2 - pl;
                p0 = FloatVector.fromArray(FS, a, r);
                p1 = FloatVector.fromArray(FS, a, r + L);
                v = p0.rearrange(EVEN, p1);
                m = m.blend(v, v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v)));
                v = p0.rearrange(ODD, p1);
                m = m.blend(v, v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v)));
                v = FloatVector.fromArray(FS, a, r + 1).rearrange(ODD, FloatVector.fromArray(FS, a, r + 1 + L));
                m = m.blend(v, v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v)));
            }
            m.intoArray(o, oRow + x);
            if (x == last) {
                break;
            }
        }
    }

    /**
     * Max 2x2/s2 over output rows {@code [y0, y1)}, each with both tap rows and every column a
     * vector column: per {@code L} outputs two row pairs, four de-interleaves, three folds in
     * window order; a row not a multiple of {@code L} ends with one overlapping vector. Rows are
     * folded with the single compare {@code v > m} while no NaN has been seen (the taps' sum tells,
     * as in {@link #max3x3S2Inner}); a row with a NaN and every row after it take the exact fold.
     */
    private void max2x2S2Rows(int p, int y0, int y1) {
        float[] a = in;
        float[] o = out;
        int last = ow - L;
        int r0 = inOff + p * planeIn + (y0 * 2 - pt) * w;
        int oRow = outOff + p * planeOut + y0 * ow;
        boolean sawNaN = false;
        FloatVector zero = FloatVector.zero(FS);
        for (int y = y0; y < y1; y++, r0 += 2 * w, oRow += ow) {
            int r1 = r0 + w;
            if (!sawNaN) {
                // NaN-free fold (v > m), as in max3x3S2Inner; a NaN among the row's taps makes their
                // sum NaN, and the row is redone below with the exact fold
                FloatVector taps = zero;
                for (int x = 0;; x += L) {
                    x = Math.min(x, last);
                    FloatVector p0 = FloatVector.fromArray(FS, a, r0 + 2 * x);
                    FloatVector p1 = FloatVector.fromArray(FS, a, r0 + 2 * x + L);
                    FloatVector q0 = FloatVector.fromArray(FS, a, r1 + 2 * x);
                    FloatVector q1 = FloatVector.fromArray(FS, a, r1 + 2 * x + L);
                    taps = taps.add(p0.add(p1).add(q0.add(q1)));
                    FloatVector m = p0.rearrange(EVEN, p1);
                    FloatVector v = p0.rearrange(ODD, p1);
                    m = m.blend(v, v.compare(VectorOperators.GT, m));
                    v = q0.rearrange(EVEN, q1);
                    m = m.blend(v, v.compare(VectorOperators.GT, m));
                    v = q0.rearrange(ODD, q1);
                    m = m.blend(v, v.compare(VectorOperators.GT, m));
                    m.intoArray(o, oRow + x);
                    if (x == last) {
                        break;
                    }
                }
                if (!taps.compare(VectorOperators.NE, taps).anyTrue()) {
                    continue;
                }
                sawNaN = true;
            }
            for (int x = 0;; x += L) {
                x = Math.min(x, last);
                FloatVector p0 = FloatVector.fromArray(FS, a, r0 + 2 * x);
                FloatVector p1 = FloatVector.fromArray(FS, a, r0 + 2 * x + L);
                FloatVector q0 = FloatVector.fromArray(FS, a, r1 + 2 * x);
                FloatVector q1 = FloatVector.fromArray(FS, a, r1 + 2 * x + L);
                FloatVector m = p0.rearrange(EVEN, p1);
                FloatVector v = p0.rearrange(ODD, p1);
                m = m.blend(v, v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v)));
                v = q0.rearrange(EVEN, q1);
                m = m.blend(v, v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v)));
                v = q0.rearrange(ODD, q1);
                m = m.blend(v, v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v)));
                m.intoArray(o, oRow + x);
                if (x == last) {
                    break;
                }
            }
        }
    }

    /** Average 2x2/s2 over output rows {@code [y0, y1)}, as {@link #max2x2S2Rows}; the same sum order as {@link #avgRow}. */
    private void avg2x2S2Rows(int p, int y0, int y1) {
        float[] a = in;
        float[] o = out;
        int last = ow - L;
        int r0 = inOff + p * planeIn + (y0 * 2 - pt) * w;
        int oRow = outOff + p * planeOut + y0 * ow;
        FloatVector zero = FloatVector.zero(FS);
        for (int y = y0; y < y1; y++, r0 += 2 * w, oRow += ow) {
            int r1 = r0 + w;
            float div = (float) (divH[y] * kw);
            for (int x = 0;; x += L) {
                x = Math.min(x, last);
                FloatVector p0 = FloatVector.fromArray(FS, a, r0 + 2 * x);
                FloatVector p1 = FloatVector.fromArray(FS, a, r0 + 2 * x + L);
                FloatVector q0 = FloatVector.fromArray(FS, a, r1 + 2 * x);
                FloatVector q1 = FloatVector.fromArray(FS, a, r1 + 2 * x + L);
                FloatVector sum = zero.add(p0.rearrange(EVEN, p1)).add(p0.rearrange(ODD, p1));
                sum = sum.add(q0.rearrange(EVEN, q1)).add(q0.rearrange(ODD, q1));
                sum.div(div).intoArray(o, oRow + x);
                if (x == last) {
                    break;
                }
            }
        }
    }

    /** Max, window 2 wide at stride 2: one row pair gives both taps. */
    private void maxRowW2S2(int p, int y) {
        float[] a = in;
        float[] o = out;
        int base = inOff + p * planeIn;
        int oRow = outOff + p * planeOut + y * ow;
        int ry = y * sh - pt;
        int i0 = iLo[y];
        int i1 = iHi[y];
        int last = xHi - L;
        for (int x = xLo;; x += L) {
            x = Math.min(x, last);
            int r = base + (ry + i0 * dh) * w + x * 2 - pl;
            FloatVector p0 = FloatVector.fromArray(FS, a, r);
            FloatVector p1 = FloatVector.fromArray(FS, a, r + L);
            FloatVector m = p0.rearrange(EVEN, p1);
            FloatVector v = p0.rearrange(ODD, p1);
            m = m.blend(v, v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v)));
            for (int i = i0 + 1; i < i1; i++) {
                r = base + (ry + i * dh) * w + x * 2 - pl;
                p0 = FloatVector.fromArray(FS, a, r);
                p1 = FloatVector.fromArray(FS, a, r + L);
                v = p0.rearrange(EVEN, p1);
                m = m.blend(v, v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v)));
                v = p0.rearrange(ODD, p1);
                m = m.blend(v, v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v)));
            }
            m.intoArray(o, oRow + x);
            if (x == last) {
                break;
            }
        }
    }

    /** Average over the vector columns of row {@code y}; interior columns all divide by the same count. */
    private void avgRow(int p, int y) {
        float[] a = in;
        float[] o = out;
        int base = inOff + p * planeIn;
        int oRow = outOff + p * planeOut + y * ow;
        int ry = y * sh - pt;
        int i0 = iLo[y];
        int i1 = iHi[y];
        float div = (float) (divH[y] * kw);
        int last = xHi - L;
        boolean w2s2 = fast == AVG_W2_S2;
        for (int x = xLo;; x += L) {
            x = Math.min(x, last);
            int rx = x * sw - pl;
            FloatVector sum = FloatVector.zero(FS);
            for (int i = i0; i < i1; i++) {
                int r = base + (ry + i) * w + rx;
                if (w2s2) {
                    FloatVector p0 = FloatVector.fromArray(FS, a, r);
                    FloatVector p1 = FloatVector.fromArray(FS, a, r + L);
                    sum = sum.add(p0.rearrange(EVEN, p1)).add(p0.rearrange(ODD, p1));
                } else {
                    for (int j = 0; j < kw; j++) {
                        sum = sum.add(tap(a, r + j, j > 0));
                    }
                }
            }
            sum.div(div).intoArray(o, oRow + x);
            if (x == last) {
                break;
            }
        }
    }

    @Override
    void globalPlane(int p, int worker) {
        float[] a = in;
        int n = planeIn;
        int base = inOff + p * n;
        if (!max) {
            FloatVector acc = FloatVector.zero(FS);
            int k = 0;
            for (; k <= n - L; k += L) {
                acc = acc.add(FloatVector.fromArray(FS, a, base + k));
            }
            // the lanes summed by a butterfly of lanewise adds in a fixed order (lane i plus lane
            // i ^ L/2, then i ^ L/4, ...): log2 L dependent adds instead of a chain of L scalar adds
            // through memory (resnet_gap_7_b128, 1 thread: 6.3 ms before). Not reduceLanes(ADD):
            // its order is unspecified and differs between the C2 intrinsic and the Java fallback,
            // so the same input could round differently before and after JIT.
            if (L >= 2) {
                acc = acc.add(acc.rearrange(XOR1));
            }
            if (L >= 4) {
                acc = acc.add(acc.rearrange(XOR2));
            }
            if (L >= 8) {
                acc = acc.add(acc.rearrange(XOR3));
            }
            if (L >= 16) {
                acc = acc.add(acc.rearrange(XOR4));
            }
            if (L >= 32) {
                acc = acc.add(acc.rearrange(XOR5));
            }
            float total = acc.lane(0);
            // the tail by scalar adds, not a masked load: at the end of the array (the last plane
            // of an exactly sized buffer) a masked load takes the Vector API's out-of-range path
            // (AbstractMask.checkIndexByLane), which C2 compiles without allocating only if its
            // shared, profile-polluted callees inline: after the property suite it allocated 16
            // bytes per forward pass
            for (; k < n; k++) {
                total += a[base + k];
            }
            out[outOff + p] = total / (float) n;
            return;
        }
        if (n < L) {
            globalMaxScalar(p, 0, Float.NEGATIVE_INFINITY, -1);
            return;
        }
        // each lane folds its own positions l, l+L, ... exactly as the sequential rule does
        FloatVector m = FloatVector.fromArray(FS, a, base);
        IntVector cur = IntVector.zero(IS).addIndex(1);
        IntVector pos = cur;
        int k = L;
        for (; k <= n - L; k += L) {
            cur = cur.add(L);
            FloatVector v = FloatVector.fromArray(FS, a, base + k);
            VectorMask<Float> take = v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v));
            m = m.blend(v, take);
            pos = pos.blend(cur, take.cast(IS));
        }
        // merge the lanes into the sequential fold's state: the last NaN, else the first maximum
        float[] lv = laneValues[worker];
        int[] lp = lanePositions[worker];
        m.intoArray(lv, PAD);
        pos.intoArray(lp, PAD);
        float bm = lv[PAD];
        int bp = lp[PAD];
        boolean nan = bm != bm;
        for (int l = PAD + 1; l < PAD + L; l++) {
            float v = lv[l];
            int q = lp[l];
            if (v != v) {
                if (!nan || q > bp) {
                    bm = v;
                    bp = q;
                    nan = true;
                }
            } else if (!nan && (v > bm || (v == bm && q < bp))) {
                bm = v;
                bp = q;
            }
        }
        globalMaxScalar(p, k, bm, bp);
    }
}
