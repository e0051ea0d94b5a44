package org.qatlas.stdlib.train;

import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * One run trained against a run store, as {@code train} does: answered from the store when it
 * has the run; otherwise claimed there first, so that two processes sharing the store never
 * train the same configuration at once (the second waits for the first's run and is answered
 * by it); then trained, and kept as finished or failed. A store that cannot be written loses
 * nothing: the run is returned with a warning.
 */
final class StoredTraining {
    /** How often a run that another process trains is looked up in the store. */
    private static final long WAIT_MILLIS = 1000;

    private StoredTraining() {
    }

    static RunRecord train(RunSpec spec, RunStore store, Monitor monitor, Function<RunSpec, RunRecord> training) {
        while (true) {
            RunRecord stored = store.find(spec.runId(), spec.config(), monitor::warning);
            if (stored != null) {
                return stored;
            }
            if (claim(spec, store, monitor)) {
                return trainClaimed(spec, store, monitor, training);
            }
            // Another live process trains this configuration now: wait for its run, between
            // polls that let the caller interrupt; a claim that lapses is taken on the next turn.
            monitor.poll();
            try {
                Thread.sleep(WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("train: interrupted while another process trained run " + spec.runId(), e);
            }
        }
    }

    /**
     * Claims the run (the store lets a run that failed before be claimed again), or finds it
     * claimed by the caller's own store already; a store that cannot be written is no reason to
     * wait, so it counts as claimed.
     */
    private static boolean claim(RunSpec spec, RunStore store, Monitor monitor) {
        try {
            return store.claim(spec) || store.holds(spec.runId());
        } catch (UncheckedIOException e) {
            monitor.warning("train: warning: " + e.getMessage() + "; training without a claim");
            return true;
        }
    }

    private static RunRecord trainClaimed(RunSpec spec, RunStore store, Monitor monitor, Function<RunSpec, RunRecord> training) {
        RunRecord record;
        try {
            record = training.apply(spec);
        } catch (TrainingStopped e) {
            keep(() -> store.fail(spec, new RunFailure(e.step(), e.getMessage())), monitor);
            throw e;
        } catch (RuntimeException | Error e) {
            store.release(spec.runId()); // interrupted or refused: nothing to keep, another may train it
            throw e;
        }
        keep(() -> store.put(spec, record), monitor);
        return record;
    }

    private static void keep(Runnable write, Monitor monitor) {
        try {
            write.run();
        } catch (UncheckedIOException e) {
            monitor.warning("train: warning: " + e.getMessage() + "; the run is returned but not stored");
        }
    }
}
