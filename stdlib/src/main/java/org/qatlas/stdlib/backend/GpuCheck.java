package org.qatlas.stdlib.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.nd4j.linalg.factory.Nd4jBackend;

/**
 * Whether the "cuda" backend can run here, asked before ND4J is touched: either the GPU it
 * would run on, or one line saying what is missing and what to do.
 *
 * <p>Why before: ND4J picks its backend once, when its first class initializes. On a machine
 * where its CUDA backend cannot start, a CUDA-only class path fails with "Please ensure that
 * you have an nd4j backend on your classpath", which names the wrong cause; a class path
 * holding both backends silently trains on the CPU. Neither can be undone in the process.
 *
 * <p>The facts are probed (the backends on the class path, the NVIDIA driver and its GPUs,
 * the CUDA libraries ND4J's build links to) and then judged by {@link #decide}, a function of
 * the facts alone, so that every verdict can be tested on a machine without a GPU.
 */
public final class GpuCheck {
    /** ND4J's backends as its service file names them. */
    static final String CPU_BACKEND = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    /**
     * The machine code in nd4j-cuda-11.6 1.0.0-M2.1's libnd4jcuda.so: each of the 228 fatbins
     * in its .nv_fatbin section holds cubins for these and no PTX (read from the artifact). A cubin runs on GPUs of its major version
     * and the same or a higher minor one, so these cover 3.7 and 5.0 to 8.9; Hopper (9.0) and
     * later would need PTX.
     */
    static final List<Capability> BUILD_CODE = List.of(new Capability(3, 7), new Capability(5, 0),
            new Capability(5, 2), new Capability(6, 0), new Capability(6, 1), new Capability(7, 0), new Capability(7, 5),
            new Capability(8, 0), new Capability(8, 6));

    /** The oldest driver API that runs CUDA 11.x code (minor-version compatibility), as cuDriverGetVersion gives it. */
    static final int OLDEST_DRIVER = 11000;

    /** The libraries of the CUDA 11 toolkit ND4J's CUDA build and its JavaCPP presets link to; the driver does not bring them. */
    static final List<String> CUDA_LIBRARIES = List.of("libcudart.so.11.0", "libcublas.so.11", "libcublasLt.so.11",
            "libcusolver.so.11");

    private static final String BUILD = "mvn -B -q -Pcuda package -DskipTests";
    private static final String SUPPORTED = "the ND4J CUDA build (CUDA 11.6) has code for compute capability 3.7 and "
            + "5.0 to 8.9 (Kepler K80 to Ampere and Ada: A100, A10, A40, L4, L40, RTX 30xx and 40xx), not Hopper or later";

    private GpuCheck() {
    }

    /** A compute capability, major.minor. */
    public record Capability(int major, int minor) {
        @Override
        public String toString() {
            return major + "." + minor;
        }
    }

    /** One GPU as the driver reports it. */
    public record Gpu(String name, Capability capability, long memoryBytes) {
        @Override
        public String toString() {
            return name + " (compute capability " + capability + ", " + Math.round(memoryBytes / (double) (1L << 30))
                    + " GiB)";
        }
    }

    /**
     * What was found. {@code driverFailure} is null when the NVIDIA driver was loaded and
     * initialized, else why not (then the version and GPUs are 0 and empty);
     * {@code missingLibraries} are those of {@link #CUDA_LIBRARIES} that could not be loaded.
     */
    public record Facts(List<String> backends, String driverFailure, int driverVersion, List<Gpu> gpus,
            List<String> missingLibraries) {
        public Facts {
            backends = List.copyOf(backends);
            gpus = List.copyOf(gpus);
            missingLibraries = List.copyOf(missingLibraries);
        }
    }

    /** The GPU the cuda backend would use, or the one-line reason it cannot; exactly one is non-null. */
    public record Verdict(String device, String problem) {
        public boolean usable() {
            return device != null;
        }

        /** The line to print: the device, or the problem. */
        public String line() {
            return usable() ? "GPU: " + device : "no GPU for the cuda backend: " + problem;
        }
    }

    /** Probes this process and machine, then judges. Loads no ND4J backend. */
    public static Verdict check() {
        return decide(probe());
    }

    /** The device the cuda backend runs on; throws with the one-line reason when there is none. */
    public static String requireGpu() {
        Verdict verdict = Probed.VERDICT;
        if (!verdict.usable()) {
            throw new IllegalStateException(verdict.line());
        }
        return verdict.device();
    }

    /** Whether this build's class path holds ND4J's CUDA backend (then ND4J's arrays live on a GPU). Loads neither. */
    public static boolean cudaBuild() {
        return CudaBuild.ANSWER;
    }

    /** The machine's GPUs and driver do not change while the process runs: probed once, when the cuda backend is first asked for. */
    private static final class Probed {
        static final Verdict VERDICT = check();
    }

    /** The class path does not change while the process runs: scanned once, when first asked. */
    private static final class CudaBuild {
        static final boolean ANSWER = nd4jBackends().contains(CUDA_BACKEND);
    }

    /** The ND4J backends the class path offers, by their providers' types: none is instantiated, so no native library loads. */
    private static List<String> nd4jBackends() {
        List<String> backends = new ArrayList<>();
        ServiceLoader.load(Nd4jBackend.class, GpuCheck.class.getClassLoader()).stream()
                .forEach(provider -> backends.add(provider.type().getName()));
        return backends;
    }

    /** The facts of this process (its class path) and machine (its driver, GPUs and libraries). */
    public static Facts probe() {
        List<String> backends = nd4jBackends();
        CudaDriver.Report driver = CudaDriver.probe();
        List<String> missing = driver.failure() == null ? CudaDriver.missingLibraries(CUDA_LIBRARIES) : List.of();
        return new Facts(backends, driver.failure(), driver.version(), driver.gpus(), missing);
    }

    /** The verdict on the facts: the first thing missing, in the order a user would fix them. */
    public static Verdict decide(Facts facts) {
        boolean cuda = facts.backends().contains(CUDA_BACKEND);
        boolean cpu = facts.backends().contains(CPU_BACKEND);
        if (!cuda) {
            return refuse("this build has no CUDA backend (ND4J's " + (cpu ? "CPU backend" : "backends: none")
                    + " on the class path); build with: " + BUILD);
        }
        if (cpu) {
            return refuse("both ND4J backends, CPU and CUDA, are on the class path, and ND4J would quietly train on "
                    + "the CPU when the GPU fails to start (a lib folder left from another build?); rebuild with: "
                    + BUILD);
        }
        if (facts.driverFailure() != null) {
            return refuse("no NVIDIA driver: " + facts.driverFailure()
                    + "; run on a machine with an NVIDIA GPU and its driver installed");
        }
        if (facts.driverVersion() < OLDEST_DRIVER) {
            return refuse("the NVIDIA driver supports CUDA " + cudaVersion(facts.driverVersion())
                    + ", the ND4J CUDA build needs 11.0 or newer; update the driver");
        }
        if (facts.gpus().isEmpty()) {
            return refuse("the NVIDIA driver (CUDA " + cudaVersion(facts.driverVersion())
                    + ") sees no GPU; check nvidia-smi and CUDA_VISIBLE_DEVICES");
        }
        for (int i = 0; i < facts.gpus().size(); i++) {
            Gpu gpu = facts.gpus().get(i);
            if (!hasCode(gpu.capability())) {
                String which = facts.gpus().size() == 1 ? "this GPU"
                        : "GPU " + i + " of " + facts.gpus().size() + " (hide it with CUDA_VISIBLE_DEVICES)";
                return refuse(SUPPORTED + "; " + which + " (" + gpu.name() + ", " + gpu.capability()
                        + ") needs another route, see docs/gpu.md");
            }
        }
        if (!facts.missingLibraries().isEmpty()) {
            return refuse("the ND4J CUDA build needs CUDA 11 libraries the driver does not bring, and "
                    + String.join(", ", facts.missingLibraries()) + " cannot be loaded (CUDA 12 and 13 have other "
                    + "sonames); install CUDA 11.6's runtime, cuBLAS and cuSOLVER, or put them on LD_LIBRARY_PATH");
        }
        return new Verdict(facts.gpus().getFirst() + (facts.gpus().size() > 1 ? " and " + (facts.gpus().size() - 1)
                + " more" : "") + ", CUDA driver " + cudaVersion(facts.driverVersion()), null);
    }

    /** Whether the build holds a cubin this GPU can run: same major version, minor not above the GPU's. */
    static boolean hasCode(Capability gpu) {
        return BUILD_CODE.stream().anyMatch(code -> code.major() == gpu.major() && code.minor() <= gpu.minor());
    }

    /** cuDriverGetVersion's 12040 as "12.4". */
    static String cudaVersion(int driverVersion) {
        return driverVersion / 1000 + "." + driverVersion % 1000 / 10;
    }

    private static Verdict refuse(String problem) {
        return new Verdict(null, problem);
    }

    /** Prints the verdict's line; exits 0 with a usable GPU, 1 without (bin/gpu-check runs it). */
    public static void main(String[] args) {
        Verdict verdict = check();
        System.out.println(verdict.line());
        System.exit(verdict.usable() ? 0 : 1);
    }
}
