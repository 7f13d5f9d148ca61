package io.github.simdconv.layer;

import io.github.simdconv.parallel.ParallelBody;

/**
 * A loop body for elementwise layers: the elements are cut into chunks of {@link #CHUNK} that the
 * worker pool shares out. Each element is computed alone, so any split gives the same bits. Made
 * once per plan; the arrays are set before each parallel call (a plan runs on one thread at a time).
 */
abstract class Elementwise implements ParallelBody {
    /** Elements per chunk: big enough to amortize the hand-off, small enough to balance. */
    static final int CHUNK = 1 << 14;

    private float[] in;
    private int inOff;
    private float[] out;
    private int outOff;
    private int size;

    static int chunks(int size) {
        return (size + CHUNK - 1) / CHUNK;
    }

    final void set(float[] in, int inOff, float[] out, int outOff, int size) {
        this.in = in;
        this.inOff = inOff;
        this.out = out;
        this.outOff = outOff;
        this.size = size;
    }

    @Override
    public final void run(int begin, int end, int worker) {
        apply(in, inOff, out, outOff, begin * CHUNK, Math.min(end * CHUNK, size));
    }

    /** Computes elements {@code [from, to)}. */
    abstract void apply(float[] in, int inOff, float[] out, int outOff, int from, int to);
}
