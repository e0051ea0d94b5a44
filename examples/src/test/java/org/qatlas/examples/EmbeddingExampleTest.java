package org.qatlas.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmbeddingExampleTest {
    @Test
    void embeddedScriptReadsRecordsCallsJavaAndIsCalledFromJava() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        EmbeddingExample.run(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        // 0.057 at 595M parameters is the sanity value of paper A (SCIENCE.md).
        assertEquals("""
                tokens per parameter: 1351
                Chinchilla-optimal tokens for 74M parameters: 1.48E9
                delta_W4A4 at size 0: 0.090
                delta_W4A4 at size 1: 0.057
                delta_W4A4(595M, 100B, 128) from Java: 0.057
                """, buffer.toString(StandardCharsets.UTF_8));
    }
}
