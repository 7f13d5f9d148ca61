package io.github.simdconv.pool;

import io.github.simdconv.spec.PoolSpec;
import java.util.List;

/** The ordered registry of pooling algorithms, the reference first. */
public final class PoolAlgorithms {
    private PoolAlgorithms() {}

    private static final List<PoolAlgorithm> ALL = List.of(
            ReferencePoolAlgorithm.INSTANCE,
            VectorPoolAlgorithm.INSTANCE);

    /** @return every registered algorithm, the reference first */
    public static List<PoolAlgorithm> all() {
        return ALL;
    }

    /**
     * @param name an algorithm's name
     * @return that algorithm
     */
    public static PoolAlgorithm byName(String name) {
        for (PoolAlgorithm a : ALL) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("algorithm = " + name + ": must be one of "
                + ALL.stream().map(PoolAlgorithm::name).toList());
    }

    /**
     * @param spec the geometry
     * @return the fastest registered algorithm supporting it (the last registered that does)
     */
    public static PoolAlgorithm choose(PoolSpec spec) {
        for (int i = ALL.size() - 1; i >= 1; i--) {
            if (ALL.get(i).supports(spec).supported()) {
                return ALL.get(i);
            }
        }
        return ReferencePoolAlgorithm.INSTANCE;
    }
}
