package org.qatlas.stdlib.backend.nd4j;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where ND4J runs its arithmetic, in words, for provenance: read from ND4J's environment
 * description. It is only a label, so a build whose environment reads differently (or fails
 * to describe itself) gets a plainer label, never an error.
 */
final class Nd4jDevice {
    private Nd4jDevice() {
    }

    static String describe() {
        try {
            String backend = Nd4j.getBackend().getClass().getSimpleName();
            Properties info = Nd4j.getExecutioner().getEnvironmentInformation();
            if (backend.contains("Cublas") || backend.contains("Cuda")) {
                String gpu = firstGpuName(info.get("cuda.devicesInformation"));
                return gpu == null ? "GPU (nd4j-cuda)" : gpu + " (nd4j-cuda)";
            }
            Object blas = info.get("blas.vendor");
            return blas == null ? "CPU (nd4j-native)" : "CPU (nd4j-native, " + blas.toString().toLowerCase() + ")";
        } catch (RuntimeException | LinkageError e) {
            return "ND4J (" + e.getClass().getSimpleName() + " while describing the device)";
        }
    }

    private static String firstGpuName(Object devices) {
        if (devices instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> device) {
            Object name = device.get("cuda.deviceName");
            return name == null ? null : name.toString();
        }
        return null;
    }
}
