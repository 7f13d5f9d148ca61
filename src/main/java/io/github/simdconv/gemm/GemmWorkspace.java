package io.github.simdconv.gemm;

/**
 * Per-thread scratch memory of {@link Gemm#multiply}: the packed {@code KC x NC} block of B and
 * one {@code MR x NR} tile for edge write-backs. Allocate one per worker thread at plan time,
 * sized for the largest product it will see; {@code multiply} then allocates nothing. A
 * workspace that turns out too small grows once (an allocation on that call only).
 *
 * <p>Not thread-safe: one workspace must never be used by two threads at once.
 */
public final class GemmWorkspace {
    float[] packedB;
    final float[] tile = new float[Gemm.MR * Gemm.NR];

    /** A workspace big enough for any product ({@code KC x NC} floats, 4 MiB with AVX-512). */
    public GemmWorkspace() {
        this(Gemm.KC, Gemm.NC);
    }

    /**
     * A workspace sized for products with inner dimension up to {@code maxK} and at most
     * {@code maxN} columns of B per call (larger ones still work, after one growth).
     *
     * @param maxK largest inner dimension k, {@code >= 0}
     * @param maxN largest column count n, {@code >= 0}
     */
    public GemmWorkspace(int maxK, int maxN) {
        if (maxK < 0) {
            throw new IllegalArgumentException("maxK = " + maxK + ": must be >= 0");
        }
        if (maxN < 0) {
            throw new IllegalArgumentException("maxN = " + maxN + ": must be >= 0");
        }
        packedB = new float[floatsFor(maxK, maxN)];
    }

    /**
     * @param k inner dimension
     * @param n columns of B
     * @return floats of packed B a product of this size needs
     */
    static int floatsFor(int k, int n) {
        int kc = Math.min(Math.max(k, 1), Gemm.KC);
        int nc = Math.min(Math.max(n, 1), Gemm.NC);
        int ncr = (nc + Gemm.NR - 1) / Gemm.NR * Gemm.NR;
        return kc * ncr;
    }

    void ensure(int k, int n) {
        int need = floatsFor(k, n);
        if (packedB.length < need) {
            packedB = new float[need];
        }
    }
}
