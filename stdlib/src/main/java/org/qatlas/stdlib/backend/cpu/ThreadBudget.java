package org.qatlas.stdlib.backend.cpu;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The threads a training run's work may use: all of {@link Parallel#THREADS} for a step big
 * enough to share, one for a small one ({@link #forStep}), or a count given outright
 * ({@link #limit}). While open, it holds Qatlas's own splitting ({@link Parallel}), OpenBLAS's
 * threads and ND4J's (OpenMP) to that number.
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
 * <p>The three settings belong to the process, and runs may train at the same time on several
 * threads of it (a study's workers), each opening and closing its own budget. So budgets are
 * counted, not stacked: while any budget is open the settings are the fewest threads any open
 * budget allows (and never more than before the first one opened); when the last one closes,
 * the settings in force before it opened come back. A budget closing while others stay open
 * never hands another run's threads back early. What this cannot do is give two runs
 * different counts at once: a run that wants every thread trains beside a one-thread run on
 * one thread. A study engine that wants both trains the big runs alone ({@code LocalEngine}).
 *
 * <p>OpenBLAS's thread count is read and set through its own openblas_get_num_threads and
 * openblas_set_num_threads, called by the JDK's foreign-function API at the addresses JavaCPP
 * finds for them: the JavaCPP presets only remember the last count set through them, not the
 * count in force.
 */
public final class ThreadBudget implements AutoCloseable {
    /** Steps of fewer floating-point operations than this run on one thread. */
    public static final double SINGLE_THREAD_STEP_FLOPS = 2e9;

    /** Guards the open budgets and the settings they decide. */
    private static final Object LOCK = new Object();
    private static final List<ThreadBudget> OPEN = new ArrayList<>();
    /** The settings before the first open budget; null while none is open. */
    private static Settings before;

    private final int threads;
    private boolean closed;

    private ThreadBudget(int threads) {
        this.threads = threads;
        synchronized (LOCK) {
            if (OPEN.isEmpty()) {
                before = Settings.current();
            }
            OPEN.add(this);
            apply();
        }
    }

    /** The threads a run whose steps take {@code flopsPerStep} operations is given: 1 or {@link Parallel#THREADS}. */
    public static int threadsForStep(double flopsPerStep) {
        return flopsPerStep < SINGLE_THREAD_STEP_FLOPS ? 1 : Parallel.THREADS;
    }

    /** The budget for steps of {@code flopsPerStep} operations; never more threads than already allowed. */
    public static ThreadBudget forStep(double flopsPerStep) {
        return new ThreadBudget(threadsForStep(flopsPerStep));
    }

    /** A budget of at most {@code threads} threads (at least 1); never more than already allowed. */
    public static ThreadBudget limit(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a thread budget needs at least one thread, not " + threads);
        }
        return new ThreadBudget(threads);
    }

    /** Ends this budget: the settings follow the budgets still open, or go back to those before the first. */
    @Override
    public void close() {
        synchronized (LOCK) {
            if (closed) {
                return;
            }
            closed = true;
            OPEN.remove(this);
            if (OPEN.isEmpty()) {
                before.restore();
                before = null;
            } else {
                apply();
            }
        }
    }

    /** Sets each setting to the fewest threads an open budget allows, capped at its value before. */
    private static void apply() {
        int fewest = Integer.MAX_VALUE;
        for (ThreadBudget open : OPEN) {
            fewest = Math.min(fewest, open.threads);
        }
        new Settings(Math.min(before.parallel, fewest), Math.min(before.blas, fewest), Math.min(before.nd4j, fewest))
                .restore();
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

    /**
     * The three thread counts: {@link Parallel}'s, OpenBLAS's, and ND4J's parallel loops'
     * default ({@code maxMasterThreads}; {@code setMaxThreads} cannot lower the other).
     */
    private record Settings(int parallel, int blas, int nd4j) {
        static Settings current() {
            return new Settings(Parallel.threads(), blasThreads(), Nd4j.getEnvironment().maxMasterThreads());
        }

        /** Puts these counts in force; OpenBLAS's only when it changes, since setting it costs milliseconds. */
        void restore() {
            Parallel.setThreads(parallel);
            if (blasThreads() != blas) {
                setBlasThreads(blas);
            }
            if (Nd4j.getEnvironment().maxMasterThreads() != nd4j) {
                Nd4j.getEnvironment().setMaxMasterThreads(nd4j);
            }
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
