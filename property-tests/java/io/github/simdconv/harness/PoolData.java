package io.github.simdconv.harness;

import java.util.SplittableRandom;

/** How pooling inputs are filled. */
public enum PoolData {
    /** Integers in [-3, 3]: many ties, which test the first-maximum rule of argmax. */
    SMALL_INT,
    /** Uniform reals in [-1, 1). */
    REAL,
    /** All negative reals: a max pool that starts from 0 or from padding fails. */
    NEGATIVE,
    /** Reals with NaN, -inf and +inf sprinkled in (about 1 in 12 each). */
    SPECIAL;

    /**
     * @param n number of values
     * @param seed data seed
     * @return filled array
     */
    public float[] fill(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (this) {
                case SMALL_INT -> r.nextInt(7) - 3;
                case REAL -> (float) (r.nextDouble() * 2 - 1);
                case NEGATIVE -> (float) (-r.nextDouble() - 0.001);
                case SPECIAL -> switch (r.nextInt(12)) {
                    case 0 -> Float.NaN;
                    case 1 -> Float.NEGATIVE_INFINITY;
                    case 2 -> Float.POSITIVE_INFINITY;
                    default -> (float) (r.nextDouble() * 2 - 1);
                };
            };
        }
        return a;
    }
}
