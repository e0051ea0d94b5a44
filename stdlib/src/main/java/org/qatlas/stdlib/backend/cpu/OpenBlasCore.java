package org.qatlas.stdlib.backend.cpu;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The kernels OpenBLAS runs in this process ("Haswell", "SkylakeX", ...), which set training
 * speed and, through the order of floating-point sums, the last bits of its losses. Asked of
 * OpenBLAS itself through {@code openblas_get_corename}, bound with the JDK's foreign-function
 * API at the address JavaCPP finds for it (as {@code ThreadBudget} binds the thread count);
 * without OpenBLAS, whatever OPENBLAS_CORETYPE asks for.
 */
public final class OpenBlasCore {
    private static final MethodHandle CORENAME = bind();

    private OpenBlasCore() {
    }

    /** The core's name as OpenBLAS gives it, or the variable's value, or "unknown". */
    public static String name() {
        if (CORENAME != null) {
            try {
                MemorySegment text = (MemorySegment) CORENAME.invokeExact();
                if (!text.equals(MemorySegment.NULL)) {
                    return text.reinterpret(256).getString(0); // a short static C string
                }
            } catch (Throwable e) {
                // fall through to what the environment asks for
            }
        }
        String asked = System.getenv("OPENBLAS_CORETYPE");
        return asked == null || asked.isEmpty() ? "unknown" : asked + " (OPENBLAS_CORETYPE)";
    }

    private static MethodHandle bind() {
        try {
            Loader.load(openblas_nolapack.class);
            long address = Loader.addressof("openblas_get_corename").address();
            return address == 0 ? null : Linker.nativeLinker().downcallHandle(MemorySegment.ofAddress(address),
                    FunctionDescriptor.of(ValueLayout.ADDRESS));
        } catch (LinkageError | RuntimeException e) {
            return null; // no OpenBLAS in this process (another ND4J backend)
        }
    }
}
