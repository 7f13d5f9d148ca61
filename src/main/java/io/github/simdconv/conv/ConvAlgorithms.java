package io.github.simdconv.conv;

import io.github.simdconv.spec.ConvSpec;
import java.util.List;

/**
 * The one ordered registry of convolution algorithms. The reference comes first; every fast
 * algorithm joins {@link #ALL}, and the property tests, the JMH suite and the layers iterate it,
 * so an algorithm that exists is tested and benchmarked.
 */
public final class ConvAlgorithms {
    private ConvAlgorithms() {}

    /** Every algorithm, the reference first. */
    private static final List<ConvAlgorithm> ALL = List.of(
            ReferenceAlgorithm.INSTANCE,
            Im2colGemm.INSTANCE,
            Direct.INSTANCE,
            Depthwise.INSTANCE,
            Winograd.F2, Winograd.F6, Winograd.F4);

    /** {@return every registered algorithm, the reference first} */
    public static List<ConvAlgorithm> all() {
        return ALL;
    }

    /**
     * @param name an algorithm's {@link ConvAlgorithm#name()}
     * @return that algorithm
     * @throws IllegalArgumentException naming the known algorithms if there is none by that name
     */
    public static ConvAlgorithm byName(String name) {
        for (ConvAlgorithm a : ALL) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("algorithm = " + name + ": must be one of "
                + ALL.stream().map(ConvAlgorithm::name).toList());
    }

    /**
     * The algorithm {@code AUTO} uses for a spec: {@link AutoChoice#choose(ConvSpec)}, the
     * documented rule (docs/algorithm-choice.md).
     *
     * @param spec the geometry
     * @return the chosen algorithm
     */
    public static ConvAlgorithm choose(ConvSpec spec) {
        return AutoChoice.choose(spec);
    }
}
