package io.github.simdconv.simd;

import java.lang.System.Logger.Level;

/**
 * The one place that decides, once, whether the Vector API ({@code jdk.incubator.vector}) is used.
 *
 * <p>The vector path is taken when the module is in the boot layer (run with
 * {@code --add-modules jdk.incubator.vector}), the system property {@code simdconv.vector} is not
 * {@code false}, and the preferred float species has at least 4 lanes. Otherwise every algorithm
 * runs its scalar code. The decision and its reason are logged once (System.Logger
 * {@code io.github.simdconv}, level INFO). Classes that touch {@code jdk.incubator.vector} must be
 * loaded only after {@link #vectorEnabled()} returned true: this class itself never refers to
 * them, so it loads on any JVM.
 */
public final class Simd {
    private Simd() {}

    private static final class Holder {
        static final boolean ENABLED;
        static final String REASON;
        static final int LANES;

        static {
            boolean enabled = false;
            String reason;
            int lanes = 1;
            String prop = System.getProperty("simdconv.vector", "true");
            if ("false".equalsIgnoreCase(prop)) {
                reason = "scalar code: disabled by -Dsimdconv.vector=false";
            } else if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                reason = "scalar code: jdk.incubator.vector is not in the boot layer "
                        + "(run with --add-modules jdk.incubator.vector)";
            } else {
                try {
                    lanes = VectorProbe.preferredFloatLanes();
                    if (lanes < 4) {
                        reason = "scalar code: the preferred float vector has only " + lanes
                                + " lanes, too narrow to pay";
                        lanes = 1;
                    } else {
                        enabled = true;
                        reason = "Vector API: FloatVector.SPECIES_PREFERRED has " + lanes + " lanes ("
                                + lanes * 32 + " bits)";
                    }
                } catch (LinkageError | RuntimeException e) {
                    reason = "scalar code: the Vector API failed to load (" + e + ")";
                    lanes = 1;
                }
            }
            ENABLED = enabled;
            REASON = reason;
            LANES = lanes;
            System.getLogger("io.github.simdconv").log(Level.INFO, "simdconv runs " + REASON);
        }
    }

    /** @return true if the vectorized kernels run */
    public static boolean vectorEnabled() {
        return Holder.ENABLED;
    }

    /** @return why the vector or the scalar path was chosen, in words */
    public static String reason() {
        return Holder.REASON;
    }

    /** @return lanes of the preferred float vector, or 1 when running scalar code */
    public static int floatLanes() {
        return Holder.LANES;
    }
}
