package io.github.simdconv.parallel;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Work items cut into one contiguous part per worker, claimed one at a time: a worker takes its own
 * part's items from the front, then the other parts' remaining items from their back ends. The
 * static split keeps a worker on the same data from call to call (its input and output stay in its
 * own caches); taking from the back means a worker that the OS delays, or a slower core, holds the
 * call up by the items it has started, not by its whole share.
 *
 * <p>Each part's (next, limit) pair is one atomic long on two cache lines of its own, so an owner's
 * claims stay in its own cache until another worker arrives. Whoever claims an item must compute it
 * the same way, so the result does not depend on who ran what. Set up once per call with
 * {@link #reset}, before the workers start.
 */
public final class PartClaims {
    /** Longs from one part's word to the next: two cache lines. */
    private static final int STRIDE = 16;

    private final int parts;
    private final AtomicLongArray words;

    /** @param parts the number of parts (workers) */
    public PartClaims(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts = " + parts + ": must be >= 1");
        }
        this.parts = parts;
        this.words = new AtomicLongArray((parts + 2) * STRIDE);
    }

    /** @return the number of parts */
    public int parts() {
        return parts;
    }

    /**
     * Cuts items {@code [0, items)} into near-equal contiguous parts ({@link WorkerPool#rangeStart}).
     *
     * @param items the number of work items of this call, at least 0
     */
    public void reset(int items) {
        if (items < 0) {
            throw new IllegalArgumentException("items = " + items + ": must be >= 0");
        }
        for (int q = 0; q < parts; q++) {
            words.set((q + 1) * STRIDE, (long) WorkerPool.rangeStart(q, items, parts) << 32
                    | WorkerPool.rangeStart(q + 1, items, parts));
        }
    }

    /**
     * Claims the next item of part {@code q}: from the front for its owner, from the back for
     * another worker.
     *
     * @param q the part, in {@code [0, parts())}
     * @param front true for the part's owner
     * @return the item, or -1 when the part has none left
     */
    public int claim(int q, boolean front) {
        if (q < 0 || q >= parts) {
            throw new IllegalArgumentException("q = " + q + ": must be in [0, " + parts + ")");
        }
        int at = (q + 1) * STRIDE;
        while (true) {
            long v = words.get(at);
            int next = (int) (v >>> 32);
            int limit = (int) v;
            if (next >= limit) {
                return -1;
            }
            if (front ? words.compareAndSet(at, v, v + (1L << 32)) : words.compareAndSet(at, v, v - 1)) {
                return front ? next : limit - 1;
            }
        }
    }
}
