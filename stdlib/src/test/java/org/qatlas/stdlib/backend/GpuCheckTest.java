package org.qatlas.stdlib.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qatlas.stdlib.backend.GpuCheck.Capability;
import org.qatlas.stdlib.backend.GpuCheck.Facts;
import org.qatlas.stdlib.backend.GpuCheck.Gpu;
import org.qatlas.stdlib.backend.GpuCheck.Verdict;

class GpuCheckTest {
    private static final long GIB = 1L << 30;
    private static final Gpu A100 = new Gpu("NVIDIA A100-SXM4-40GB", new Capability(8, 0), 40 * GIB);
    private static final Gpu H200 = new Gpu("NVIDIA H200", new Capability(9, 0), 141 * GIB);
    private static final Gpu L4 = new Gpu("NVIDIA L4", new Capability(8, 9), 24 * GIB);
    private static final List<String> CUDA = List.of(GpuCheck.CUDA_BACKEND);

    /** A machine where everything is in place but what a test changes. */
    private static Facts facts(List<String> backends, String driverFailure, int driver, List<Gpu> gpus,
            List<String> missing) {
        return new Facts(backends, driverFailure, driver, gpus, missing);
    }

    private static String problem(Facts facts) {
        Verdict verdict = GpuCheck.decide(facts);
        assertFalse(verdict.usable(), () -> "expected a refusal, got " + verdict.line());
        assertNull(verdict.device());
        assertFalse(verdict.line().contains("\n"), "one line");
        return verdict.problem();
    }

    @Test
    void aCpuBuildIsToldToBuildWithTheCudaProfile() {
        assertEquals("this build has no CUDA backend (ND4J's CPU backend on the class path); build with: "
                + "mvn -B -q -Pcuda package -DskipTests",
                problem(facts(List.of(GpuCheck.CPU_BACKEND), null, 12040, List.of(A100), List.of())));
        assertTrue(problem(facts(List.of(), null, 12040, List.of(A100), List.of())).startsWith(
                "this build has no CUDA backend (ND4J's backends: none on the class path)"));
    }

    @Test
    void bothBackendsOnTheClassPathAreRefusedBecauseNd4jWouldFallBackToTheCpu() {
        String problem = problem(facts(List.of(GpuCheck.CPU_BACKEND, GpuCheck.CUDA_BACKEND), null, 12040,
                List.of(A100), List.of()));
        assertTrue(problem.startsWith("both ND4J backends, CPU and CUDA, are on the class path"), problem);
        assertTrue(problem.endsWith("rebuild with: mvn -B -q -Pcuda package -DskipTests"), problem);
    }

    @Test
    void noDriverNamesTheLibrary() {
        assertEquals("no NVIDIA driver: libcuda.so.1 cannot be loaded; run on a machine with an NVIDIA GPU and its "
                + "driver installed",
                problem(facts(CUDA, "libcuda.so.1 cannot be loaded", 0, List.of(), List.of())));
    }

    @Test
    void aDriverOlderThanCuda11IsRefusedWithItsVersion() {
        assertEquals("the NVIDIA driver supports CUDA 10.2, the ND4J CUDA build needs 11.0 or newer; update the driver",
                problem(facts(CUDA, null, 10020, List.of(A100), List.of())));
    }

    @Test
    void aDriverWithoutGpusSaysSo() {
        assertEquals("the NVIDIA driver (CUDA 13.0) sees no GPU; check nvidia-smi and CUDA_VISIBLE_DEVICES",
                problem(facts(CUDA, null, 13000, List.of(), List.of())));
    }

    @Test
    void hopperIsRefusedWithTheRangeTheBuildSupports() {
        String problem = problem(facts(CUDA, null, 13000, List.of(H200), List.of()));
        assertTrue(problem.startsWith("the ND4J CUDA build (CUDA 11.6) has code for compute capability 3.7 and 5.0 to "
                + "8.9"), problem);
        assertTrue(problem.endsWith("; this GPU (NVIDIA H200, 9.0) needs another route, see docs/gpu.md"), problem);
    }

    @Test
    void oneUnsupportedGpuAmongSeveralIsNamedWithHowToHideIt() {
        String problem = problem(facts(CUDA, null, 12040, List.of(A100, H200), List.of()));
        assertTrue(problem.endsWith("; GPU 1 of 2 (hide it with CUDA_VISIBLE_DEVICES) (NVIDIA H200, 9.0) needs "
                + "another route, see docs/gpu.md"), problem);
    }

    @Test
    void missingCuda11LibrariesAreListed() {
        String problem = problem(facts(CUDA, null, 13000, List.of(A100), List.of("libcublas.so.11", "libcusolver.so.11")));
        assertTrue(problem.contains("libcublas.so.11, libcusolver.so.11 cannot be loaded"), problem);
    }

    @Test
    void aSupportedGpuIsTheDevice() {
        Verdict verdict = GpuCheck.decide(facts(CUDA, null, 12040, List.of(A100), List.of()));
        assertTrue(verdict.usable());
        assertEquals("NVIDIA A100-SXM4-40GB (compute capability 8.0, 40 GiB), CUDA driver 12.4", verdict.device());
        assertEquals("GPU: NVIDIA A100-SXM4-40GB (compute capability 8.0, 40 GiB), CUDA driver 12.4", verdict.line());
        assertEquals("NVIDIA L4 (compute capability 8.9, 24 GiB) and 1 more, CUDA driver 12.4",
                GpuCheck.decide(facts(CUDA, null, 12040, List.of(L4, A100), List.of())).device());
    }

    @Test
    void cubinsRunOnTheirMajorVersionFromTheirMinorUp() {
        assertTrue(GpuCheck.hasCode(new Capability(3, 7)));   // K80
        assertFalse(GpuCheck.hasCode(new Capability(3, 5)));  // K40: older than the build's sm_37
        assertTrue(GpuCheck.hasCode(new Capability(5, 2)));   // Maxwell, from sm_50
        assertTrue(GpuCheck.hasCode(new Capability(7, 5)));   // T4
        assertTrue(GpuCheck.hasCode(new Capability(8, 6)));   // A10, RTX 30xx
        assertTrue(GpuCheck.hasCode(new Capability(8, 9)));   // Ada, from sm_86
        assertFalse(GpuCheck.hasCode(new Capability(9, 0)));  // Hopper: no PTX to compile
        assertFalse(GpuCheck.hasCode(new Capability(10, 0))); // Blackwell
    }

    @Test
    void theRealProbeOfACpuBuildFindsNoCudaBackend() {
        Facts facts = GpuCheck.probe();
        // Asked of the class path directly, not through the probe's service lookup.
        boolean cpuBuild = getClass().getClassLoader().getResource("org/nd4j/linalg/cpu/nativecpu/CpuBackend.class") != null;
        assertEquals(List.of(cpuBuild ? GpuCheck.CPU_BACKEND : GpuCheck.CUDA_BACKEND), facts.backends());
        Verdict verdict = GpuCheck.check();
        if (!cpuBuild) {
            assertFalse(verdict.line().contains("this build has no CUDA backend"), verdict.line());
            return;
        }
        assertTrue(verdict.line().startsWith("no GPU for the cuda backend: this build has no CUDA backend"),
                verdict.line());
        IllegalStateException e = assertThrows(IllegalStateException.class, GpuCheck::requireGpu);
        assertEquals(verdict.line(), e.getMessage());
    }

    @Test
    void withoutADriverTheProbeSaysLibcudaCannotBeLoaded() {
        CudaDriver.Report report = CudaDriver.probe();
        if (report.failure() == null) {
            return; // a machine with the NVIDIA driver: nothing to check here
        }
        assertEquals("libcuda.so.1 cannot be loaded", report.failure());
        assertEquals(List.of(), report.gpus());
        assertEquals(List.of("libqatlas-no-such-library.so.1"),
                CudaDriver.missingLibraries(List.of("libqatlas-no-such-library.so.1")));
    }
}
