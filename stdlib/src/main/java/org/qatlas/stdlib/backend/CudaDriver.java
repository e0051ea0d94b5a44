package org.qatlas.stdlib.backend;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import org.qatlas.stdlib.backend.GpuCheck.Capability;
import org.qatlas.stdlib.backend.GpuCheck.Gpu;

/**
 * The NVIDIA driver as its own library answers, through the JDK's foreign-function API: its
 * CUDA version and the GPUs it sees with their compute capabilities. Asked of libcuda.so.1
 * directly rather than of ND4J (whose first use decides its backend for the process) or of
 * nvidia-smi (another program, not always installed where the driver is).
 */
final class CudaDriver {
    private static final String LIBRARY = "libcuda.so.1";
    /** CUresult values this probe tells apart. */
    private static final int SUCCESS = 0;
    private static final int NO_DEVICE = 100;
    /** CUdevice_attribute values. */
    private static final int COMPUTE_CAPABILITY_MAJOR = 75;
    private static final int COMPUTE_CAPABILITY_MINOR = 76;

    private CudaDriver() {
    }

    /** What the driver said: {@code failure} is null when it loaded and initialized (no GPU included). */
    record Report(String failure, int version, List<Gpu> gpus) {
        static Report failed(String why) {
            return new Report(why, 0, List.of());
        }
    }

    static Report probe() {
        // The driver stays loaded for the process: ND4J loads the same library next.
        SymbolLookup cuda;
        try {
            cuda = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
        } catch (IllegalArgumentException e) {
            return Report.failed(LIBRARY + " cannot be loaded");
        }
        try (Arena arena = Arena.ofConfined()) {
            Linker linker = Linker.nativeLinker();
            MethodHandle driverVersion = function(linker, cuda, "cuDriverGetVersion", ValueLayout.ADDRESS);
            MethodHandle init = function(linker, cuda, "cuInit", ValueLayout.JAVA_INT);
            MethodHandle count = function(linker, cuda, "cuDeviceGetCount", ValueLayout.ADDRESS);
            MethodHandle device = function(linker, cuda, "cuDeviceGet", ValueLayout.ADDRESS, ValueLayout.JAVA_INT);
            MethodHandle name = function(linker, cuda, "cuDeviceGetName", ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT);
            MethodHandle attribute = function(linker, cuda, "cuDeviceGetAttribute", ValueLayout.ADDRESS,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);
            MethodHandle memory = function(linker, cuda, "cuDeviceTotalMem_v2", ValueLayout.ADDRESS,
                    ValueLayout.JAVA_INT);

            MemorySegment number = arena.allocate(ValueLayout.JAVA_INT);
            int result = (int) driverVersion.invokeExact(number);
            if (result != SUCCESS) {
                return Report.failed("cuDriverGetVersion returned error " + result);
            }
            int version = number.get(ValueLayout.JAVA_INT, 0);
            result = (int) init.invokeExact(0);
            if (result == NO_DEVICE) {
                return new Report(null, version, List.of());
            }
            if (result != SUCCESS) {
                return Report.failed("the driver (CUDA " + GpuCheck.cudaVersion(version) + ") failed to initialize, cuInit "
                        + "returned error " + result);
            }
            check((int) count.invokeExact(number), "cuDeviceGetCount");
            int devices = number.get(ValueLayout.JAVA_INT, 0);
            List<Gpu> gpus = new ArrayList<>();
            MemorySegment text = arena.allocate(256);
            MemorySegment bytes = arena.allocate(ValueLayout.JAVA_LONG);
            for (int ordinal = 0; ordinal < devices; ordinal++) {
                check((int) device.invokeExact(number, ordinal), "cuDeviceGet");
                int handle = number.get(ValueLayout.JAVA_INT, 0);
                check((int) name.invokeExact(text, (int) text.byteSize(), handle), "cuDeviceGetName");
                String gpuName = text.getString(0);
                check((int) attribute.invokeExact(number, COMPUTE_CAPABILITY_MAJOR, handle), "cuDeviceGetAttribute");
                int major = number.get(ValueLayout.JAVA_INT, 0);
                check((int) attribute.invokeExact(number, COMPUTE_CAPABILITY_MINOR, handle), "cuDeviceGetAttribute");
                int minor = number.get(ValueLayout.JAVA_INT, 0);
                check((int) memory.invokeExact(bytes, handle), "cuDeviceTotalMem_v2");
                gpus.add(new Gpu(gpuName, new Capability(major, minor), bytes.get(ValueLayout.JAVA_LONG, 0)));
            }
            return new Report(null, version, gpus);
        } catch (Throwable e) {
            return Report.failed(LIBRARY + " loaded but " + e.getMessage());
        }
    }

    /** The libraries among {@code names} the dynamic linker cannot load here. */
    static List<String> missingLibraries(List<String> names) {
        List<String> missing = new ArrayList<>();
        for (String library : names) {
            // A confined arena unloads the library again: this only asks whether it loads.
            try (Arena arena = Arena.ofConfined()) {
                SymbolLookup.libraryLookup(library, arena);
            } catch (IllegalArgumentException e) {
                missing.add(library);
            }
        }
        return missing;
    }

    private static MethodHandle function(Linker linker, SymbolLookup library, String name, ValueLayout... arguments) {
        MemorySegment address = library.find(name)
                .orElseThrow(() -> new IllegalStateException("has no function " + name));
        return linker.downcallHandle(address, FunctionDescriptor.of(ValueLayout.JAVA_INT, arguments));
    }

    private static void check(int result, String function) {
        if (result != SUCCESS) {
            throw new IllegalStateException(function + " returned error " + result);
        }
    }
}
