package io.github.simdconv.spec;

/**
 * Argument checks shared by the specs: every failure is an {@link IllegalArgumentException}
 * naming the field, the value and the rule.
 */
public final class Checks {
    private Checks() {}

    /**
     * Requires {@code value >= 1}.
     *
     * @param field the field name used in the message
     * @param value the value to check
     * @return {@code value}
     */
    public static int positive(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " = " + value + ": must be >= 1");
        }
        return value;
    }

    /**
     * Requires {@code value >= 0}.
     *
     * @param field the field name used in the message
     * @param value the value to check
     * @return {@code value}
     */
    public static int nonNegative(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " = " + value + ": must be >= 0");
        }
        return value;
    }

    /**
     * Multiplies sizes, failing with a clear message if the product does not fit an int
     * (the largest Java array index).
     *
     * @param what name of the quantity, used in the message
     * @param factors the factors
     * @return the product
     */
    public static int product(String what, int... factors) {
        long p = 1;
        for (int f : factors) {
            p *= f;
            if (p > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(what + " overflows: the product of "
                        + java.util.Arrays.toString(factors) + " exceeds Integer.MAX_VALUE ("
                        + Integer.MAX_VALUE + "), the largest Java array");
            }
        }
        return (int) p;
    }

    /**
     * Checks that an array holds at least {@code offset + needed} elements.
     *
     * @param field the array's name used in the message
     * @param array the array (must not be null)
     * @param offset the first element used (must be >= 0)
     * @param needed how many elements are used from {@code offset}
     */
    public static void array(String field, float[] array, int offset, int needed) {
        if (array == null) {
            throw new IllegalArgumentException(field + " is null: an array of at least "
                    + needed + " floats is required");
        }
        if (offset < 0) {
            throw new IllegalArgumentException(field + " offset = " + offset + ": must be >= 0");
        }
        if ((long) offset + needed > array.length) {
            throw new IllegalArgumentException(field + ".length = " + array.length
                    + ": must be >= offset + " + needed + " = " + ((long) offset + needed));
        }
    }

    /**
     * Checks that an index array holds at least {@code offset + needed} elements.
     *
     * @param field the array's name used in the message
     * @param array the array (must not be null)
     * @param offset the first element used (must be >= 0)
     * @param needed how many elements are used from {@code offset}
     */
    public static void array(String field, int[] array, int offset, int needed) {
        if (array == null) {
            throw new IllegalArgumentException(field + " is null: an array of at least "
                    + needed + " ints is required");
        }
        if (offset < 0) {
            throw new IllegalArgumentException(field + " offset = " + offset + ": must be >= 0");
        }
        if ((long) offset + needed > array.length) {
            throw new IllegalArgumentException(field + ".length = " + array.length
                    + ": must be >= offset + " + needed + " = " + ((long) offset + needed));
        }
    }

    /**
     * Output size of a sliding window along one axis (PyTorch/ONNX, floor mode).
     *
     * @return the number of window positions, possibly {@code <= 0} if none fits
     */
    static long windowCount(int in, int padBefore, int padAfter, int kernel, int stride, int dilation) {
        long span = (long) dilation * (kernel - 1) + 1;
        long padded = (long) in + padBefore + padAfter;
        if (padded < span) {
            return 0;
        }
        return (padded - span) / stride + 1;
    }
}
