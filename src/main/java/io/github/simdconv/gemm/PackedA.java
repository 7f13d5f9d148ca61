package io.github.simdconv.gemm;

/**
 * The left operand {@code A} ({@code m x k}) of {@link Gemm#multiply}, packed once into the layout
 * the micro-kernel streams: for every {@code KC}-block of the inner dimension, {@code MR}-row
 * micro-panels stored column by column ({@code MR} consecutive floats per k), rows past {@code m}
 * zero-filled. Packing costs one pass over A; pack constant operands (convolution weights,
 * Winograd-transformed weights, a fully connected layer's matrix) once at plan time and reuse them
 * from any number of threads: a {@code PackedA} is immutable after {@link #pack}.
 *
 * <p>Layout, for the block starting at {@code k0} with depth {@code kc = min(KC, k - k0)}:
 * element {@code (i, k0 + p)} of panel {@code ip = i / MR} sits at
 * {@code k0 * panels * MR + ip * MR * kc + p * MR + i % MR}.
 */
public final class PackedA {
    private int m;
    private int k;
    private int panels;
    float[] data = new float[0];

    PackedA() {}

    /**
     * Packs {@code op(A)}.
     *
     * @param m rows of {@code op(A)} (and of C)
     * @param k columns of {@code op(A)} (the inner dimension)
     * @param a the matrix, row-major
     * @param aOff index of A's first element
     * @param lda row stride of A as stored: {@code >= k} if not transposed, {@code >= m} if transposed
     * @param transA false: {@code op(A) = A}, stored {@code m x k}; true: {@code op(A) = A^T}, stored {@code k x m}
     * @return the packed operand
     * @throws IllegalArgumentException on a negative size, too small a stride or array
     */
    public static PackedA pack(int m, int k, float[] a, int aOff, int lda, boolean transA) {
        return pack(m, k, 1f, a, aOff, lda, transA);
    }

    /**
     * Packs {@code alpha * op(A)} (the scaling is folded into the packed values).
     *
     * @param m rows of {@code op(A)}
     * @param k columns of {@code op(A)}
     * @param alpha scale factor
     * @param a the matrix, row-major
     * @param aOff index of A's first element
     * @param lda row stride of A as stored
     * @param transA whether A is stored transposed ({@code k x m})
     * @return the packed operand
     * @throws IllegalArgumentException on a negative size, too small a stride or array
     */
    public static PackedA pack(int m, int k, float alpha, float[] a, int aOff, int lda, boolean transA) {
        PackedA p = new PackedA();
        p.repack(m, k, alpha, a, aOff, lda, transA);
        return p;
    }

    /** @return rows m of {@code op(A)} */
    public int rows() {
        return m;
    }

    /** @return the inner dimension k */
    public int depth() {
        return k;
    }

    /** @return rows per micro-panel ({@link Gemm#MR}) */
    public static int panelRows() {
        return Gemm.MR;
    }

    static void checkA(int m, int k, float[] a, int aOff, int lda, boolean transA) {
        if (m < 0) {
            throw new IllegalArgumentException("m = " + m + ": must be >= 0");
        }
        if (k < 0) {
            throw new IllegalArgumentException("k = " + k + ": must be >= 0");
        }
        int storedRows = transA ? k : m;
        int storedCols = transA ? m : k;
        if (lda < Math.max(1, storedCols)) {
            throw new IllegalArgumentException("lda = " + lda + ": must be >= max(1, " + (transA ? "m" : "k")
                    + ") = " + Math.max(1, storedCols) + (transA ? " (A stored transposed, k x m)" : " (A stored m x k)"));
        }
        Gemm.checkMatrix("a", a, aOff, storedRows, storedCols, lda);
    }

    /** Packs into this object, reusing its buffer when it is big enough. */
    void repack(int m, int k, float alpha, float[] a, int aOff, int lda, boolean transA) {
        checkA(m, k, a, aOff, lda, transA);
        prepare(m, k);
        packRange(0, panels, alpha, a, aOff, lda, transA);
    }

    /** Sizes this object for an {@code m x k} operand (growing the buffer if needed); then pack with {@link #packRange}. */
    void prepare(int m, int k) {
        this.m = m;
        this.k = k;
        this.panels = (m + Gemm.MR - 1) / Gemm.MR;
        int size = Math.multiplyExact(panels * Gemm.MR, k);
        if (data.length < size) {
            data = new float[size];
        }
    }

    /** Packs panels {@code [p0, p1)} (callers may split the panels over threads). */
    void packRange(int p0, int p1, float alpha, float[] a, int aOff, int lda, boolean transA) {
        final int mr = Gemm.MR;
        float[] d = data;
        final int kb = Gemm.blockDepth(Math.max(k, 1));
        for (int k0 = 0; k0 < k; k0 += kb) {
            int kc = Math.min(kb, k - k0);
            int base = k0 * panels * mr;
            for (int ip = p0; ip < p1; ip++) {
                int dst = base + ip * mr * kc;
                int i0 = ip * mr;
                int rows = Math.min(mr, m - i0);
                if (!transA) {
                    for (int i = 0; i < rows; i++) {
                        int src = aOff + (i0 + i) * lda + k0;
                        for (int p = 0; p < kc; p++) {
                            d[dst + p * mr + i] = alpha * a[src + p];
                        }
                    }
                    for (int i = rows; i < mr; i++) {
                        for (int p = 0; p < kc; p++) {
                            d[dst + p * mr + i] = 0f;
                        }
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        int src = aOff + (k0 + p) * lda + i0;
                        int o = dst + p * mr;
                        for (int i = 0; i < rows; i++) {
                            d[o + i] = alpha * a[src + i];
                        }
                        for (int i = rows; i < mr; i++) {
                            d[o + i] = 0f;
                        }
                    }
                }
            }
        }
    }

    int panels() {
        return panels;
    }
}
