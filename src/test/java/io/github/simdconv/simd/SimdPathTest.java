package io.github.simdconv.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The build runs the suite twice, with and without {@code jdk.incubator.vector}, and tells each
 * run which path it expects ({@code -Dsimdconv.expect=vector|scalar}): this test fails if the
 * library took the other one, so the scalar run really tests the scalar code.
 */
class SimdPathTest {

    @Test
    void theExpectedPathIsTaken() {
        String expect = System.getProperty("simdconv.expect");
        assumeTrue(expect != null, "simdconv.expect not set (run outside the Maven build)");
        assertEquals(expect.equals("vector"), Simd.vectorEnabled(), "expected the " + expect + " path; " + Simd.reason());
        if (Simd.vectorEnabled()) {
            assertEquals(true, Simd.floatLanes() >= 4, Simd.reason());
        } else {
            assertEquals(1, Simd.floatLanes());
        }
    }
}
