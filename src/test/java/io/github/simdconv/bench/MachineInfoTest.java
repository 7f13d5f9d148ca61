package io.github.simdconv.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.simdconv.simd.Simd;
import org.junit.jupiter.api.Test;

/** machine.md names what the numbers depend on. */
class MachineInfoTest {

    @Test
    void describesCpuVectorsJdkAndPeer() {
        String md = MachineInfo.markdown("test settings");
        for (String key : new String[] {"| CPU |", "| logical CPUs |", "| SIMD flags |", "| JDK |", "| Vector API |",
            "| ONNX Runtime |", "| suite | test settings |"}) {
            assertTrue(md.contains(key), key + " missing from\n" + md);
        }
        assertTrue(md.contains("| float lanes | " + Simd.floatLanes() + " |"), md);
        assertTrue(md.contains(Runtime.version().toString()), md);
    }
}
