package io.github.simdconv.harness;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * An output buffer with guard cells before and after the region a kernel may write (XNNPACK's
 * testers do the same): the guards hold a NaN with a recognisable payload and must be bitwise
 * unchanged after the call.
 */
public final class Guarded {
    /** Guard cells on each side; more than any vector, so a masked-tail bug is caught. */
    public static final int GUARD = 37;
    /** The guard value: a quiet NaN no kernel produces. */
    public static final int GUARD_BITS = 0x7fc0dead;

    private final float[] array;
    private final int size;

    /**
     * @param size floats the kernel may write
     * @param fillBits initial bits of the writable region (e.g. a NaN, to catch unwritten outputs)
     */
    public Guarded(int size, int fillBits) {
        this.size = size;
        this.array = new float[size + 2 * GUARD];
        java.util.Arrays.fill(array, Float.intBitsToFloat(GUARD_BITS));
        java.util.Arrays.fill(array, GUARD, GUARD + size, Float.intBitsToFloat(fillBits));
    }

    /** @return the whole backing array */
    public float[] array() {
        return array;
    }

    /** @return where the writable region starts */
    public int offset() {
        return GUARD;
    }

    /** @return a copy of the writable region */
    public float[] region() {
        return java.util.Arrays.copyOfRange(array, GUARD, GUARD + size);
    }

    /**
     * Fails if any guard cell changed.
     *
     * @param what description for the message
     */
    public void assertGuardsIntact(String what) {
        for (int i = 0; i < array.length; i++) {
            if (i == GUARD) {
                i = GUARD + size;
                if (i >= array.length) {
                    break;
                }
            }
            if (Float.floatToRawIntBits(array[i]) != GUARD_BITS) {
                fail(what + ": guard cell " + (i < GUARD ? (i - GUARD) : ("+" + (i - GUARD - size)))
                        + " overwritten with " + array[i]);
            }
        }
    }
}
