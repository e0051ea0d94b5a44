package org.qatlas.stdlib.store;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A daemon thread that refreshes a store's claims every {@link RunClaims#HEARTBEAT_EVERY_MS}, so
 * that callers of the store need not: a claim stays alive as long as its process runs and its
 * store is open. Being a daemon, it never keeps the process alive.
 */
public final class Heartbeat implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "qatlas-run-store-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    /** Starts calling {@code beat}; it should not throw (a failed beat is retried at the next). */
    public Heartbeat(Runnable beat) {
        timer.scheduleAtFixedRate(beat, RunClaims.HEARTBEAT_EVERY_MS, RunClaims.HEARTBEAT_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
