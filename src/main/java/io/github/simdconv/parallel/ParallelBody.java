package io.github.simdconv.parallel;

/**
 * A loop body run over a contiguous range of work items. Implementations are created once (at
 * plan time) and reused, so a parallel call allocates nothing.
 */
@FunctionalInterface
public interface ParallelBody {
    /**
     * Runs items {@code [begin, end)}.
     *
     * @param begin first item
     * @param end one past the last item
     * @param worker index of the worker running this range, in {@code [0, threads)}; use it to
     *     pick per-worker scratch memory
     */
    void run(int begin, int end, int worker);
}
