package io.github.simdconv.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WinogradCodegenTest {
    @Test
    void generatedTransformsAreUpToDate() throws IOException {
        assertEquals(WinogradCodegen.generate(), Files.readString(Path.of(WinogradCodegen.PATH)),
                "regenerate with WinogradCodegen.main");
    }
}
