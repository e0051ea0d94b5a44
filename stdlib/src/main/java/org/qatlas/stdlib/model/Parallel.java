package org.qatlas.stdlib.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs independent pieces of one layer's work (attention heads, row blocks) on all cores:
 * the calling thread takes one share and a small pool of daemon threads the others. The
 * pieces must not write to the same memory, so results do not depend on how they are split.
 *
 * <p>While the pieces run, OpenBLAS is held to one thread: each piece's products are small,
 * and two levels of threads on a two-core machine only fight over the cores (measured: attention
 * 10-20x slower when both the pieces and OpenBLAS ran two threads).
 */
final class Parallel {
    static final int THREADS = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
    private static final ExecutorService POOL = THREADS == 1 ? null : Executors.newFixedThreadPool(THREADS - 1, r -> {
        Thread thread = new Thread(r, "qatlas-parallel");
        thread.setDaemon(true);
        return thread;
    });

    private Parallel() {
    }

    /** Calls {@code body} for every i in [0, n), in contiguous blocks, one block per thread. */
    static void forEach(int n, IntConsumer body) {
        int threads = Math.min(THREADS, n);
        if (threads <= 1) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        var blas = Nd4j.factory().blas();
        int blasThreads = blas.getMaxThreads();
        blas.setMaxThreads(1);
        try {
            List<Future<?>> others = new ArrayList<>();
            for (int t = 1; t < threads; t++) {
                int from = (int) ((long) n * t / threads);
                int to = (int) ((long) n * (t + 1) / threads);
                others.add(POOL.submit(() -> range(from, to, body)));
            }
            RuntimeException failure = null;
            try {
                range(0, n / threads, body);
            } catch (RuntimeException e) {
                failure = e;
            }
            for (Future<?> other : others) {
                other.get(); // waits for every block even after a failure: they share the BLAS setting
            }
            if (failure != null) {
                throw failure;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } finally {
            blas.setMaxThreads(blasThreads);
        }
    }

    private static void range(int from, int to, IntConsumer body) {
        for (int i = from; i < to; i++) {
            body.accept(i);
        }
    }
}
