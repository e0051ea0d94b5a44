package org.qatlas.stdlib.model;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The threads a training run's work may use, chosen by the size of its steps: all of
 * {@link Parallel#THREADS} for a step big enough to share, one for a small one. Holds
 * Qatlas's own splitting ({@link Parallel}), OpenBLAS's threads and ND4J's (OpenMP) to that
 * number while open, and gives back the earlier settings when closed.
 *
 * <p>Why: OpenBLAS splits every product above 262,144 multiply-adds over all its threads,
 * ND4J its element-wise ops, and {@link Parallel} hands blocks to a pool; each hand-off wakes
 * a thread (tens of microseconds). A small model's step is hundreds of products and passes of
 * a few hundred microseconds each, so on two cores the wake-ups cost more than the second core
 * gives back (measured at the smallest benchmark size, 0.8 GFLOP per step: about 1.3x more
 * tokens/s on one thread; at the middle size, 11 GFLOP per step, about 1.3x fewer;
 * docs/benchmarks.md). Setting OpenBLAS's thread count takes milliseconds, so it is done once
 * per run, not per call.
 *
 * <p>The settings are the process's: runs that train at the same time in one process share them.
 * OpenBLAS's thread count is read and set through its own openblas_get_num_threads and
 * openblas_set_num_threads, called by the JDK's foreign-function API at the addresses JavaCPP
 * finds for them: the JavaCPP presets only remember the last count set through them, not the
 * count in force.
 */
public final class ThreadBudget implements AutoCloseable {
    /** Steps of fewer floating-point operations than this run on one thread. */
    public static final double SINGLE_THREAD_STEP_FLOPS = 2e9;

    private final int parallelBefore;
    private final int blasBefore;
    private final int nd4jBefore;
    private boolean closed;

    private ThreadBudget(int threads) {
        Environment nd4j = Nd4j.getEnvironment();
        parallelBefore = Parallel.threads();
        blasBefore = blasThreads();
        nd4jBefore = nd4j.maxMasterThreads(); // its parallel loops' default (setMaxThreads cannot lower the other)
        if (threads < parallelBefore) {
            Parallel.setThreads(threads);
        }
        if (threads < blasBefore) {
            setBlasThreads(threads);
        }
        if (threads < nd4jBefore) {
            nd4j.setMaxMasterThreads(threads);
        }
    }

    /** The budget for steps of {@code flopsPerStep} operations; never more threads than already allowed. */
    public static ThreadBudget forStep(double flopsPerStep) {
        return new ThreadBudget(flopsPerStep < SINGLE_THREAD_STEP_FLOPS ? 1 : Parallel.THREADS);
    }

    /** Gives back the thread counts in force before. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Parallel.setThreads(parallelBefore);
        if (blasThreads() != blasBefore) {
            setBlasThreads(blasBefore);
        }
        Nd4j.getEnvironment().setMaxMasterThreads(nd4jBefore);
    }

    /** The threads OpenBLAS runs a large product on now; 0 where OpenBLAS is not loaded (another ND4J backend). */
    public static int blasThreads() {
        if (OpenBlas.GET_THREADS == null) {
            return 0;
        }
        try {
            return (int) OpenBlas.GET_THREADS.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("openblas_get_num_threads failed", e);
        }
    }

    private static void setBlasThreads(int threads) {
        if (OpenBlas.SET_THREADS == null) {
            return;
        }
        try {
            OpenBlas.SET_THREADS.invokeExact(threads);
        } catch (Throwable e) {
            throw new IllegalStateException("openblas_set_num_threads failed", e);
        }
    }

    /** OpenBLAS's thread-count functions, bound on first use; null where they cannot be found. */
    private static final class OpenBlas {
        static final MethodHandle GET_THREADS = bind("openblas_get_num_threads", FunctionDescriptor.of(ValueLayout.JAVA_INT));
        static final MethodHandle SET_THREADS = bind("openblas_set_num_threads", FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));

        private static MethodHandle bind(String name, FunctionDescriptor signature) {
            try {
                Loader.load(openblas_nolapack.class);
                long address = Loader.addressof(name).address();
                return address == 0 ? null : Linker.nativeLinker().downcallHandle(MemorySegment.ofAddress(address), signature);
            } catch (LinkageError | RuntimeException e) {
                return null; // no OpenBLAS in this process: nothing of it to hold down
            }
        }
    }
}
