package org.qatlas.stdlib.study;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunStore;

/**
 * Trains a study: a list of run configurations, each distinct one once, with its results kept
 * in a {@link RunStore} as they come. What {@code train_all} does.
 *
 * <ul>
 *   <li>Duplicates (the same {@link RunSpec#runId()}) train once and share their outcome.</li>
 *   <li>A run the store has finished is answered from it, unless the study is fresh.</li>
 *   <li>Every other run is claimed in the store before it trains, so that two studies (in this
 *       process or, with a shared store, in others) never train one configuration twice. A run
 *       another live holder has claimed is not trained here: the study waits, asking the store
 *       every {@link StudyOptions#pollInterval()}, until that holder stores it (then it is
 *       answered), fails it (then that failure is its outcome) or gives its claim up (then this
 *       study claims and trains it). A run that failed before is trained again: its failure
 *       may have been the machine's.</li>
 *   <li>Each finished run is stored as it finishes, each failed run kept as failed; a failure,
 *       including a Java error inside the run, ends that run only. A strict study stops at the
 *       first failure and throws {@link StudyFailed}.</li>
 *   <li>An exception from the listener (an interruption) stops the runs in flight between
 *       steps, keeps everything finished, and is rethrown.</li>
 * </ul>
 * Whichever way it ends, the study gives up the claims of the runs it did not finish, so that
 * running it again trains them, and hands its summary to the listener.
 */
public final class Study {
    /** The longest the study waits without polling its listener: a Ctrl-C is seen within this. */
    private static final long POLL_SLICE_MILLIS = 100;

    private final RunStore store;
    private final Engine engine;
    private final StudyOptions options;

    public Study(RunStore store, Engine engine, StudyOptions options) {
        this.store = store;
        this.engine = engine;
        this.options = options;
    }

    /** Trains {@code specs} as the class comment says; returns an outcome per spec, in order. */
    public StudyResult run(List<RunSpec> specs, StudyListener listener) {
        long start = System.nanoTime();
        Map<String, RunSpec> distinct = new LinkedHashMap<>();
        specs.forEach(spec -> distinct.putIfAbsent(spec.runId(), spec));
        Map<String, RunOutcome> outcomes = new ConcurrentHashMap<>();
        Set<String> claims = ConcurrentHashMap.newKeySet();
        OutcomeRecorder recorder = new OutcomeRecorder(store, listener, outcomes, claims, options.strict());
        try {
            listener.planned(List.copyOf(distinct.values()));
            trainAll(new ArrayList<>(distinct.values()), recorder, outcomes, claims, listener);
        } catch (OutcomeRecorder.StrictStop stop) {
            throw new StudyFailed(stop.spec, stop.failure, end(distinct, outcomes, claims, start, listener, stop));
        } catch (RuntimeException | Error e) {
            end(distinct, outcomes, claims, start, listener, e);
            throw e;
        }
        StudySummary summary = end(distinct, outcomes, claims, start, listener, null);
        return new StudyResult(specs.stream().map(spec -> outcomes.get(spec.runId())).toList(), summary);
    }

    /**
     * Answers, claims and trains until every run has an outcome: each round answers what the
     * store has, trains what it could claim, and waits a little when all that is left is
     * claimed elsewhere.
     */
    private void trainAll(List<RunSpec> pending, OutcomeRecorder recorder, Map<String, RunOutcome> outcomes,
            Set<String> claims, StudyListener listener) {
        // Runs claimed elsewhere, with the failure the store had for them when the wait began
        // (a different one later means the other holder failed it).
        Map<String, RunFailure> waiting = new HashMap<>();
        while (!pending.isEmpty()) {
            List<RunSpec> claimed = new ArrayList<>();
            for (Iterator<RunSpec> it = pending.iterator(); it.hasNext();) {
                RunSpec spec = it.next();
                String id = spec.runId();
                boolean waited = waiting.containsKey(id);
                RunRecord stored = options.fresh() && !waited ? null : store.find(id, spec.config(), recorder::warning);
                if (stored != null) {
                    it.remove();
                    outcomes.put(id, RunOutcome.answered(spec, stored));
                    listener.answered(spec, stored);
                } else if (waited && failedElsewhere(id, waiting.get(id))) {
                    it.remove();
                    recorder.failedElsewhere(spec, store.failure(id));
                } else if (store.claim(spec)) {
                    it.remove();
                    claims.add(id);
                    claimed.add(spec);
                } else if (options.fresh() && !waited && store.find(id, spec.config(), recorder::warning) != null) {
                    // Finished in the store, which lends no claim for a finished run: fresh trains it again.
                    it.remove();
                    claimed.add(spec);
                } else if (!waited) {
                    waiting.put(id, store.failure(id));
                }
            }
            if (!claimed.isEmpty()) {
                engine.train(claimed, recorder);
            } else if (!pending.isEmpty()) {
                pause(listener);
            }
        }
    }

    private boolean failedElsewhere(String runId, RunFailure before) {
        RunFailure now = store.failure(runId);
        return now != null && !now.equals(before);
    }

    /** Sleeps for the poll interval, polling the listener; an interruption of this thread stops the study. */
    private void pause(StudyListener listener) {
        long end = System.nanoTime() + options.pollInterval().toNanos();
        for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
            listener.poll();
            try {
                Thread.sleep(Math.min(POLL_SLICE_MILLIS, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("the study was interrupted while it waited for runs another process trains");
            }
        }
    }

    /** Gives up the claims of unfinished runs, and hands the summary to the listener. */
    private StudySummary end(Map<String, RunSpec> distinct, Map<String, RunOutcome> outcomes, Set<String> claims, long start,
            StudyListener listener, Throwable stopping) {
        for (String id : claims) {
            if (!outcomes.containsKey(id)) {
                store.release(id);
            }
        }
        claims.clear();
        int trained = 0;
        int answered = 0;
        List<StudySummary.Failed> failures = new ArrayList<>();
        for (RunSpec spec : distinct.values()) {
            RunOutcome outcome = outcomes.get(spec.runId());
            if (outcome == null) {
                continue;
            }
            if (!outcome.finished()) {
                failures.add(new StudySummary.Failed(spec, outcome.failure()));
            } else if (outcome.stored()) {
                answered++;
            } else {
                trained++;
            }
        }
        StudySummary summary = new StudySummary(distinct.size(), trained, answered, failures,
                distinct.size() - outcomes.size(), (System.nanoTime() - start) / 1e9);
        try {
            listener.ended(summary);
        } catch (RuntimeException | Error e) {
            if (stopping == null) {
                throw e;
            }
            stopping.addSuppressed(e);
        }
        return summary;
    }
}
