package org.qatlas.stdlib.study;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Why the runs of one {@link Engine#train} call must stop: the first exception a listener
 * threw (an interruption, a strict study's first failure). Runs look at it between steps.
 */
final class StopSignal {
    private final AtomicReference<Throwable> cause = new AtomicReference<>();

    boolean requested() {
        return cause.get() != null;
    }

    /** Asks every run to stop; the first cause is the one rethrown, later ones are attached to it. */
    void stop(Throwable why) {
        if (!cause.compareAndSet(null, why) && cause.get() != why) {
            cause.get().addSuppressed(why);
        }
    }

    /** Throws the first cause as it was thrown, if there is one. */
    void rethrowIfStopped() {
        Throwable why = cause.get();
        if (why instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (why instanceof Error error) {
            throw error;
        }
        if (why != null) {
            throw new IllegalStateException(why);
        }
    }

    /** Unwinds a run that the signal stopped; no trace, since nothing went wrong in the run. */
    static final class RunStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RunStopped() {
            super("the study stopped", null, false, false);
        }
    }
}
