package org.qatlas.stdlib.study;

import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunSpec;

/**
 * A strict study stopped at its first failed run. The runs that finished before are stored;
 * those in flight were stopped and their claims released, so the study can be run again.
 */
public final class StudyFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient RunSpec spec;
    private final RunFailure failure;
    private final transient StudySummary summary;

    StudyFailed(RunSpec spec, RunFailure failure, StudySummary summary) {
        super("run " + spec.runId() + " (" + RunText.label(spec) + ") failed" + (failure.step() > 0 ? " at step "
                + failure.step() : "") + ": " + failure.reason() + "; the study is strict, so it stopped there ("
                + summary.trained() + " trained, " + summary.answered() + " from the store, " + summary.unfinished()
                + " not finished)");
        this.spec = spec;
        this.failure = failure;
        this.summary = summary;
    }

    /** The run that failed. */
    public RunSpec spec() {
        return spec;
    }

    public RunFailure failure() {
        return failure;
    }

    /** What the study did before it stopped. */
    public StudySummary summary() {
        return summary;
    }
}
