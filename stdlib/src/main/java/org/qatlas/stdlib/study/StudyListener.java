package org.qatlas.stdlib.study;

import java.util.List;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;

/**
 * Hears what a {@link Study} and its {@link Engine} do with the runs of a study. Engines call
 * it from any of their threads, so implementations are thread-safe. Any method may throw to
 * stop the study (an interruption: Ctrl-C); the runs in flight stop between steps, and the
 * exception reaches the study's caller.
 *
 * <p>An engine calls {@link #started}, {@link #step}, {@link #finished}, {@link #failed},
 * {@link #warning} and {@link #poll}; the study adds {@link #planned}, {@link #answered} and
 * {@link #ended}, which engines never call.
 */
public interface StudyListener {
    /** The study's distinct runs, in the order given, before any is looked up or trained (called by the study). */
    default void planned(List<RunSpec> runs) {
    }

    /** A run answered by the store, trained before or by another process (called by the study). */
    default void answered(RunSpec spec, RunRecord run) {
    }

    /** A run began training (or resumed from its checkpoint). */
    default void started(RunSpec spec) {
    }

    /** A run took up its checkpoint: it goes on after {@code step} of its {@code steps}, not from the first. */
    default void resumed(RunSpec spec, long step, long steps) {
    }

    /** A run finished a step; may throw to stop the study (an interruption). */
    default void step(RunSpec spec, long step, long steps, long tokens, double loss, double tokensPerSecond) {
    }

    /** A run finished; the engine hands over its record. */
    void finished(RunSpec spec, RunRecord run);

    /** A run stopped without finishing. */
    void failed(RunSpec spec, RunFailure failure);

    /** Something the user should know that stops nothing (a checkpoint that cannot be written). */
    default void warning(String message) {
        System.err.println(message);
    }

    /**
     * Called a few times a second on the thread that runs the study while it waits (for its
     * runs, or for a run another process trains); may throw to stop the study. A caller whose
     * interruptions must be raised on its own thread (a language's safepoint) raises them here.
     */
    default void poll() {
    }

    /** The study is over: finished, stopped at a failure, or interrupted (called by the study, once). */
    default void ended(StudySummary summary) {
    }
}
