package org.qatlas.stdlib.study;

import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;

/**
 * Hears what an {@link Engine} does with the runs of a study. Engines call it from any of their
 * threads, so implementations are thread-safe.
 */
public interface StudyListener {
    /** A run began training (or resumed from its checkpoint). */
    default void started(RunSpec spec) {
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
}
