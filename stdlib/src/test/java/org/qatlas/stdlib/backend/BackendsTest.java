package org.qatlas.stdlib.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Choosing a backend by name on this machine: the CPU build, no GPU. */
class BackendsTest {
    @Test
    void namesGiveTheirBackends() {
        assertEquals("cpu", Backends.named("cpu").name());
        assertEquals(DataType.FLOAT, Backends.named("cpu").dataType());
        assertEquals("nd4j", Backends.named(" ND4J ").name());
        assertEquals(DataType.FLOAT, Backends.named("nd4j").dataType());
        assertTrue(Backends.named("cpu").device().startsWith("CPU (OpenBLAS"), Backends.named("cpu").device());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.named("tpu"));
        assertEquals("unknown backend \"tpu\": choose one of cpu, nd4j, cuda", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Backends.checkName("gpu", "QATLAS_BACKEND"));
        assertEquals("QATLAS_BACKEND: unknown backend \"gpu\": choose one of cpu, nd4j, cuda", e.getMessage());
    }

    @Test
    void cudaInTheCpuBuildSaysWhyInOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.named("cuda"));
        assertTrue(e.getMessage().startsWith("no GPU for the cuda backend: this build has no CUDA backend"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    @Test
    void theStandardBackendHereIsCpu() {
        // Neither the property nor the variable is set in the test's JVM.
        assertEquals("cpu", Backends.standardName());
        System.setProperty(Backends.PROPERTY, "nd4j");
        try {
            assertEquals("nd4j", Backends.standardName());
            System.setProperty(Backends.PROPERTY, "vulkan");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Backends::standardName);
            assertTrue(e.getMessage().startsWith("system property qatlas.backend: unknown backend \"vulkan\""), e.getMessage());
        } finally {
            System.clearProperty(Backends.PROPERTY);
        }
    }
}
