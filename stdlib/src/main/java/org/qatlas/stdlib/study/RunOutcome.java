package org.qatlas.stdlib.study;

import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;

/**
 * What a study has for one of the specs it was given: the finished run (trained now, or
 * answered by the store) or why it failed.
 *
 * @param run the finished run, or null when it failed
 * @param failure why it failed, or null when it finished
 * @param stored whether the store answered it rather than this study training it
 */
public record RunOutcome(RunSpec spec, RunRecord run, RunFailure failure, boolean stored) {
    public RunOutcome {
        if ((run == null) == (failure == null)) {
            throw new IllegalArgumentException("a run's outcome is either a finished run or a failure");
        }
    }

    static RunOutcome trained(RunSpec spec, RunRecord run) {
        return new RunOutcome(spec, run, null, false);
    }

    static RunOutcome answered(RunSpec spec, RunRecord run) {
        return new RunOutcome(spec, run, null, true);
    }

    static RunOutcome failed(RunSpec spec, RunFailure failure) {
        return new RunOutcome(spec, null, failure, false);
    }

    /** Whether the run finished (and {@link #run()} holds it). */
    public boolean finished() {
        return run != null;
    }
}
