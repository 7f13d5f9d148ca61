package io.github.simdconv.harness;

import java.util.SplittableRandom;

/** How test data is filled. */
public enum DataKind {
    /**
     * Integers in [-3, 3]: every product and partial sum of a convolution is an integer far below
     * 2^24, so any summation order gives the exact result and comparison is bitwise (oneDNN
     * benchdnn's trick).
     */
    SMALL_INT,
    /** Uniform reals in [-1, 1): rounding differs by summation order; compare within a bound. */
    REAL;

    /**
     * @param n number of values
     * @param seed data seed
     * @return filled array
     */
    public float[] fill(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = this == SMALL_INT ? r.nextInt(7) - 3 : (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }
}
