package io.github.simdconv.pool;

import io.github.simdconv.conv.Support;
import io.github.simdconv.spec.PoolSpec;

/** One way to compute a pooling; registered in {@link PoolAlgorithms}. */
public interface PoolAlgorithm {
    /** @return a short, stable name */
    String name();

    /**
     * @param spec a geometry
     * @return whether {@link #plan} accepts it, and if not why
     */
    Support supports(PoolSpec spec);

    /**
     * @param spec the geometry
     * @param threads worker threads, {@code >= 1}
     * @return the plan
     * @throws IllegalArgumentException if unsupported (saying why) or invalid
     */
    PoolPlan plan(PoolSpec spec, int threads);
}
