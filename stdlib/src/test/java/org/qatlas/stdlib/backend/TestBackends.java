package org.qatlas.stdlib.backend;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.qatlas.stdlib.backend.cpu.CpuBackend;
import org.qatlas.stdlib.backend.nd4j.Nd4jBackend;

/** The backends tests build layers on: the fast float32 kernels, and the float64 reference for gradient checks. */
public final class TestBackends {
    public static final Backend CPU = new CpuBackend();
    public static final Backend REFERENCE = new Nd4jBackend(DataType.DOUBLE);

    private TestBackends() {
    }

    /** Every backend that starts in this build, by {@link Backends#NAMES}, then the float64 reference. */
    public static List<Backend> available() {
        List<Backend> backends = new ArrayList<>();
        for (String name : Backends.NAMES) {
            try {
                backends.add(Backends.named(name));
            } catch (IllegalArgumentException cannotRunHere) {
                // cpu in a CUDA build, cuda without a GPU: GpuCheckTest and BackendsTest check those refusals
            }
        }
        backends.add(REFERENCE);
        return backends;
    }

    /** The backend for arrays of {@code type}: the reference for DOUBLE, cpu for FLOAT. */
    public static Backend of(DataType type) {
        return type == DataType.DOUBLE ? REFERENCE : CPU;
    }
}
