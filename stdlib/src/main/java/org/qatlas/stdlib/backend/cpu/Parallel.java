package org.qatlas.stdlib.backend.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs independent pieces of one layer's work (attention heads, row blocks) on all cores:
 * the calling thread takes one share and a small pool of daemon threads the others. The
 * pieces must not write to the same memory, so results do not depend on how they are split.
 *
 * <p>For Java loops only: the pieces must not call OpenBLAS (ND4J's GEMMs or {@link NativeMatrix}).
 * OpenBLAS runs its own threads, and two levels of threads on a two-core machine only fight over
 * the cores (measured: attention 10-20x slower when both the pieces and OpenBLAS ran two
 * threads); holding OpenBLAS to one thread meanwhile is no way out either, since changing its
 * thread count costs 1-3 ms each time.
 */
public final class Parallel {
    /** The cores, at most 8; the system property qatlas.threads overrides it (1: everything on the caller). */
    public static final int THREADS = Math.max(1, Integer.getInteger("qatlas.threads",
            Math.min(Runtime.getRuntime().availableProcessors(), 8)));
    private static final ExecutorService POOL = THREADS == 1 ? null : Executors.newFixedThreadPool(THREADS - 1, r -> {
        Thread thread = new Thread(r, "qatlas-parallel");
        thread.setDaemon(true);
        return thread;
    });

    // The threads forBlocks splits work over now: THREADS, or fewer while a ThreadBudget says so.
    private static volatile int active = THREADS;

    private Parallel() {
    }

    /** How many threads {@link #forBlocks} uses now: at most {@link #THREADS}. */
    public static int threads() {
        return active;
    }

    /** Sets {@link #threads()} (clamped to [1, THREADS]); see {@link ThreadBudget}. */
    static void setThreads(int threads) {
        active = Math.max(1, Math.min(THREADS, threads));
    }

    /** A piece of work on the indices [from, to). */
    @FunctionalInterface
    public interface Block {
        void run(int from, int to);
    }

    /** Calls {@code body} for every i in [0, n), in contiguous blocks, one block per thread. */
    public static void forEach(int n, IntConsumer body) {
        forBlocks(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                body.accept(i);
            }
        });
    }

    /**
     * Splits [0, n) into one contiguous block per thread (fewer when n is small) and runs
     * them at once; a block can set up its scratch space once for all its indices.
     */
    public static void forBlocks(int n, Block body) {
        int threads = Math.min(active, n);
        if (threads <= 1) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        List<Future<?>> others = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            int from = (int) ((long) n * t / threads);
            int to = (int) ((long) n * (t + 1) / threads);
            others.add(POOL.submit(() -> body.run(from, to)));
        }
        Throwable failure = null;
        try {
            body.run(0, n / threads);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        // Every block finishes before this returns, even after a failure or an interrupt: the
        // blocks write into arrays the caller owns. The blocks take milliseconds, so waiting
        // through an interrupt is prompt; the interrupt stays set for the caller to act on
        // (a script's context being cancelled, say).
        boolean interrupted = false;
        for (Future<?> other : others) {
            while (true) {
                try {
                    other.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
