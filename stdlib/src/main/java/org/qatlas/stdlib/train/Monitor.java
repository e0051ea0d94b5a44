package org.qatlas.stdlib.train;

/**
 * Watches a run from outside: shows progress and may stop it. The interpreter uses it to draw
 * a progress line on a terminal and to let Ctrl-C interrupt a run between steps.
 */
public interface Monitor {
    Monitor NONE = new Monitor() {
    };

    /**
     * Called once training begins, before its first step: {@code step} steps of {@code steps}
     * are done already (0, or where a checkpoint resumes). A run refused before it trains
     * (its memory, its limits) never calls it.
     */
    default void started(long step, long steps) {
    }

    /** Called after every step; may throw to stop the run (an interruption, say). */
    default void step(long step, long steps, long tokens, double loss, double tokensPerSecond) {
    }

    /** Called between the batches of work that is not a step (the held-out evaluation); may throw to stop the run. */
    default void poll() {
    }

    /**
     * Something the user should know that does not stop the run: a checkpoint or a store
     * that cannot be written. Printed on standard error unless the monitor shows it elsewhere.
     */
    default void warning(String message) {
        System.err.println(message);
    }

    /** Called once the run is over, to clear a progress line. */
    default void done() {
    }
}
