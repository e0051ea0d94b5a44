package org.qatlas.stdlib.study;

import java.util.Map;
import java.util.Set;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunStore;

/**
 * The listener a {@link Study} gives its engine: keeps each outcome (in the study's table and
 * in the store, as it comes) before the caller's listener hears of it, so that a run that
 * finished is stored even when the caller's listener stops the study at that moment.
 */
final class OutcomeRecorder implements StudyListener {
    private final RunStore store;
    private final StudyListener listener;
    private final Map<String, RunOutcome> outcomes;
    private final Set<String> claims;
    private final boolean strict;

    /**
     * @param outcomes where outcomes go, by run id (thread-safe)
     * @param claims the run ids this study holds claims for (thread-safe); an outcome gives its claim up
     */
    OutcomeRecorder(RunStore store, StudyListener listener, Map<String, RunOutcome> outcomes, Set<String> claims,
            boolean strict) {
        this.store = store;
        this.listener = listener;
        this.outcomes = outcomes;
        this.claims = claims;
        this.strict = strict;
    }

    @Override
    public void started(RunSpec spec) {
        listener.started(spec);
    }

    @Override
    public void resumed(RunSpec spec, long step, long steps) {
        listener.resumed(spec, step, steps);
    }

    @Override
    public void step(RunSpec spec, long step, long steps, long tokens, double loss, double tokensPerSecond) {
        listener.step(spec, step, steps, tokens, loss, tokensPerSecond);
    }

    @Override
    public void finished(RunSpec spec, RunRecord run) {
        outcomes.put(spec.runId(), RunOutcome.trained(spec, run));
        try {
            store.put(spec, run);
        } catch (RuntimeException e) {
            // A store that cannot keep a run costs that run's reuse, not the study.
            listener.warning("study: warning: " + e.getMessage() + "; the study returns the run, but it is not stored");
            releaseQuietly(spec);
        } finally {
            claims.remove(spec.runId());
        }
        listener.finished(spec, run);
    }

    @Override
    public void failed(RunSpec spec, RunFailure failure) {
        outcomes.put(spec.runId(), RunOutcome.failed(spec, failure));
        try {
            store.fail(spec, failure);
        } catch (RuntimeException e) {
            listener.warning("study: warning: " + e.getMessage() + "; the run's failure is not stored");
            releaseQuietly(spec);
        } finally {
            claims.remove(spec.runId());
        }
        heard(spec, failure);
    }

    /** Gives up the claim of a run the store could not take, so that it can be trained again; a broken store may refuse that too. */
    private void releaseQuietly(RunSpec spec) {
        try {
            store.release(spec.runId());
        } catch (RuntimeException e) {
            // the warning about the store is given already
        }
    }

    /** A failure the store reports for a run another process trained: kept here, not stored again. */
    void failedElsewhere(RunSpec spec, RunFailure failure) {
        outcomes.put(spec.runId(), RunOutcome.failed(spec, failure));
        heard(spec, failure);
    }

    private void heard(RunSpec spec, RunFailure failure) {
        listener.failed(spec, failure);
        if (strict) {
            throw new StrictStop(spec, failure);
        }
    }

    @Override
    public void warning(String message) {
        listener.warning(message);
    }

    @Override
    public void poll() {
        listener.poll();
    }

    /** Stops a strict study at its first failure; {@link Study} turns it into {@link StudyFailed}. */
    static final class StrictStop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final transient RunSpec spec;
        final RunFailure failure;

        StrictStop(RunSpec spec, RunFailure failure) {
            super("a strict study stopped at run " + spec.runId(), null, false, false);
            this.spec = spec;
            this.failure = failure;
        }
    }
}
