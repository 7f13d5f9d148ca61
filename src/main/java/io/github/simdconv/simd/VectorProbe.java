package io.github.simdconv.simd;

import jdk.incubator.vector.FloatVector;

/** Touches the Vector API; loaded only by {@link Simd} once the module is known to be present. */
final class VectorProbe {
    private VectorProbe() {}

    static int preferredFloatLanes() {
        return FloatVector.SPECIES_PREFERRED.length();
    }
}
