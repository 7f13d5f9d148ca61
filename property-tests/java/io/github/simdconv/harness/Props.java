package io.github.simdconv.harness;

import static org.quicktheories.QuickTheory.qt;

import org.quicktheories.core.Gen;

/**
 * The entry point of every property test: QuickTheories with a fixed, overridable seed and
 * example count, and failures that say how to reproduce them.
 *
 * <p>Seed: {@code -Dsimdconv.seed=N} (default {@link #DEFAULT_SEED}); examples per property:
 * {@code -Dsimdconv.examples=N}. A failing property is rethrown with both in the message, so the
 * failure is reproduced by running the same test with the same flags.
 */
public final class Props {
    private Props() {}

    /** The seed used when {@code simdconv.seed} is not set. */
    public static final long DEFAULT_SEED = 20261125L;

    /** @return the seed in force */
    public static long seed() {
        return Long.getLong("simdconv.seed", DEFAULT_SEED);
    }

    /** @return examples per property in force (scaled by {@code factor} in {@link #check}) */
    public static int examples() {
        return Integer.getInteger("simdconv.examples", 60);
    }

    /**
     * Checks {@code property} on {@code examples() * factor} values of {@code gen}.
     *
     * @param <T> the generated type
     * @param name what is checked, for the failure message
     * @param factor multiplier of the configured example count (use &lt; 1 for expensive properties)
     * @param gen the generator
     * @param property assertions on one value
     */
    public static <T> void check(String name, double factor, Gen<T> gen, java.util.function.Consumer<T> property) {
        long seed = seed();
        int n = Math.max(1, (int) Math.round(examples() * factor));
        try {
            qt().withFixedSeed(seed).withExamples(n).withShrinkCycles(50).forAll(gen).checkAssert(property);
        } catch (AssertionError e) {
            throw new AssertionError(name + " failed; reproduce with -Dsimdconv.seed=" + seed
                    + " -Dsimdconv.examples=" + examples() + "\n" + e.getMessage(), e);
        }
    }
}
