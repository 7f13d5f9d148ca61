package io.github.simdconv.spec;

/**
 * Output extent of a true (flipped-kernel) convolution, with numpy.convolve's and
 * scipy.signal.convolve2d's meaning, for a signal of length {@code n} and a kernel of length
 * {@code m <= n}:
 * <ul>
 * <li>{@link #FULL}: every overlap, length {@code n + m - 1};</li>
 * <li>{@link #SAME}: length {@code n}, centred on the full output: it starts at full index
 *     {@code (m - 1) / 2};</li>
 * <li>{@link #VALID}: only complete overlaps, length {@code n - m + 1}.</li>
 * </ul>
 * Running a true convolution as the cross-correlation of a flipped kernel needs padding
 * {@link #padBefore} and {@link #padAfter}.
 */
public enum ConvMode {
    /** Every overlap of signal and kernel. */
    FULL,
    /** Same length as the signal, centred. */
    SAME,
    /** Only positions where the kernel lies entirely inside the signal. */
    VALID;

    /**
     * Returns the length of the output of this mode.
     * @param n signal length
     * @param m kernel length
     * @return the output length
     */
    public int outputLength(int n, int m) {
        return switch (this) {
            case FULL -> n + m - 1;
            case SAME -> n;
            case VALID -> n - m + 1;
        };
    }

    /**
     * Zeros to add before the signal so that the cross-correlation with the flipped kernel
     * equals this mode's true convolution.
     *
     * @param m kernel length
     * @return padding before the signal
     */
    public int padBefore(int m) {
        return switch (this) {
            case FULL -> m - 1;
            case SAME -> m - 1 - (m - 1) / 2;
            case VALID -> 0;
        };
    }

    /**
     * Returns the zeros this mode pads after the signal.
     * @param m kernel length
     * @return padding after the signal (see {@link #padBefore})
     */
    public int padAfter(int m) {
        return switch (this) {
            case FULL -> m - 1;
            case SAME -> (m - 1) / 2;
            case VALID -> 0;
        };
    }

    /**
     * Index in the full output of this mode's first element.
     *
     * @param m kernel length
     * @return the offset into the full convolution
     */
    public int fullOffset(int m) {
        return switch (this) {
            case FULL -> 0;
            case SAME -> (m - 1) / 2;
            case VALID -> m - 1;
        };
    }
}
