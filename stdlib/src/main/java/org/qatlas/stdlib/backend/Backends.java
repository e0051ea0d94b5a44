package org.qatlas.stdlib.backend;

import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.qatlas.stdlib.backend.cpu.CpuBackend;
import org.qatlas.stdlib.backend.nd4j.Nd4jBackend;

/**
 * Chooses a {@link Backend} by name, and the standard one a run gets when it names none. A
 * backend that cannot run here is refused with one line that says why; nothing falls back to
 * another backend silently.
 *
 * <p>The standard backend is, in order: the system property {@value #PROPERTY}, the
 * environment variable {@value #ENVIRONMENT}, else "cpu" when ND4J runs on the CPU and "cuda"
 * when this is a CUDA build. (A script's context may choose another with its qat.backend
 * option, and a call with its backend argument.)
 */
public final class Backends {
    /** The names a backend is chosen by. */
    public static final List<String> NAMES = List.of("cpu", "nd4j", "cuda");
    public static final String ENVIRONMENT = "QATLAS_BACKEND";
    public static final String PROPERTY = "qatlas.backend";

    private Backends() {
    }

    /**
     * The backend called {@code name}: "cpu" (fast float32 kernels on host memory), "nd4j"
     * (whole-array ND4J operations, float32, wherever ND4J runs) or "cuda" (the nd4j backend,
     * required to run on a GPU).
     */
    public static Backend named(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "cpu" -> {
                if (GpuCheck.cudaBuild()) {
                    throw new IllegalArgumentException("backend \"cpu\" reads host memory, but this build's ND4J runs on CUDA: "
                            + "use \"cuda\" or \"nd4j\", or build without -Pcuda");
                }
                yield new CpuBackend();
            }
            case "nd4j" -> {
                if (GpuCheck.cudaBuild()) {
                    requireGpu(); // in a CUDA build nd4j runs on the GPU: the same check as cuda
                }
                yield new Nd4jBackend(DataType.FLOAT);
            }
            case "cuda" -> {
                requireGpu();
                yield new Nd4jBackend(DataType.FLOAT);
            }
            default -> throw new IllegalArgumentException("unknown backend \"" + name + "\": choose one of "
                    + String.join(", ", NAMES));
        };
    }

    /** The name of the backend a run gets when it names none (see the class comment). */
    public static String standardName() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return checkName(property, "system property " + PROPERTY);
        }
        String environment = System.getenv(ENVIRONMENT);
        if (environment != null && !environment.isBlank()) {
            return checkName(environment, "environment variable " + ENVIRONMENT);
        }
        return GpuCheck.cudaBuild() ? "cuda" : "cpu";
    }

    /** {@link #named} of {@link #standardName}. */
    public static Backend standard() {
        return named(standardName());
    }

    /** {@code name} in lower case, if it is one of {@link #NAMES}; else an error that says {@code where} it came from. */
    public static String checkName(String name, String where) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(key)) {
            throw new IllegalArgumentException(where + ": unknown backend \"" + name + "\": choose one of "
                    + String.join(", ", NAMES));
        }
        return key;
    }

    /** GpuCheck's verdict before ND4J starts: ND4J cannot start on a missing GPU without failing with a misleading error. */
    private static void requireGpu() {
        try {
            GpuCheck.requireGpu();
        } catch (IllegalStateException noGpu) {
            throw new IllegalArgumentException(noGpu.getMessage());
        }
    }
}
