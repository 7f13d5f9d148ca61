package io.github.simdconv.conv;

/**
 * Whether an algorithm can run a spec, and if not, why.
 *
 * @param supported true if it can
 * @param reason why not (empty when supported)
 */
public record Support(boolean supported, String reason) {
    private static final Support YES = new Support(true, "");

    /** {@return the positive answer} */
    public static Support yes() {
        return YES;
    }

    /**
     * @param reason the rule the spec breaks, in words
     * @return a negative answer
     */
    public static Support no(String reason) {
        return new Support(false, reason);
    }
}
