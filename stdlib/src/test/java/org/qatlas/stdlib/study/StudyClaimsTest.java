package org.qatlas.stdlib.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qatlas.stdlib.study.TinyRuns.run;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qatlas.stdlib.train.Monitor;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunStore;
import org.qatlas.stdlib.train.Trainer;

/**
 * A run another holder has claimed (another process, with a shared store) is not trained
 * twice: the study waits for that holder's outcome, or trains the run once the claim is given up.
 */
class StudyClaimsTest {
    private static final StudyOptions QUICK_POLLS = StudyOptions.DEFAULT.withPollInterval(Duration.ofMillis(5));

    private final RunStore store = RunStore.inMemory();
    private final LocalEngine engine = new LocalEngine(2, RunCheckpoints.NONE);

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    /** A listener that, on its {@code after}-th poll, does what the other holder does. */
    private static TinyRuns.Recording otherHolder(int after, Runnable action) {
        AtomicInteger polls = new AtomicInteger();
        return new TinyRuns.Recording() {
            @Override
            public void poll() {
                if (polls.incrementAndGet() == after) {
                    action.run();
                }
            }
        };
    }

    @Test
    void aRunClaimedElsewhereIsAnsweredOnceTheOtherHolderStoresIt() {
        RunSpec theirs = run(1, 10);
        RunSpec ours = run(2, 10);
        assertTrue(store.claim(theirs)); // the other holder
        RunRecord trainedThere = Trainer.train(theirs.model(), theirs.scheme(), theirs.budget(), theirs.data(), theirs.seed(),
                Monitor.NONE);
        TinyRuns.Recording heard = otherHolder(3, () -> store.put(trainedThere));
        StudyResult result = new Study(store, engine, QUICK_POLLS).run(List.of(theirs, ours), heard);
        assertSame(trainedThere, result.outcomes().get(0).run());
        assertTrue(result.outcomes().get(0).stored());
        assertFalse(heard.events.contains("started " + theirs.runId()), "not trained here: " + heard.events);
        assertTrue(heard.events.contains("finished " + ours.runId()));
    }

    @Test
    void aRunWhoseClaimIsGivenUpIsTrainedHere() {
        RunSpec theirs = run(3, 10);
        assertTrue(store.claim(theirs));
        TinyRuns.Recording heard = otherHolder(2, () -> store.release(theirs.runId()));
        StudyResult result = new Study(store, engine, QUICK_POLLS).run(List.of(theirs), heard);
        assertTrue(result.outcomes().get(0).finished());
        assertFalse(result.outcomes().get(0).stored());
        assertEquals(List.of("started " + theirs.runId(), "finished " + theirs.runId()), heard.events);
    }

    @Test
    void aRunThatFailsElsewhereHasThatFailure() {
        RunSpec theirs = run(4, 10);
        RunFailure before = new RunFailure(3, "train: an earlier failure");
        store.fail(theirs, before);
        assertTrue(store.claim(theirs)); // tried again over there
        RunFailure there = new RunFailure(7, "train: the loss became nan at step 7 of 10 (fp phase); lower lr or grad_clip");
        TinyRuns.Recording heard = otherHolder(2, () -> store.fail(theirs, there));
        StudyResult result = new Study(store, engine, QUICK_POLLS).run(List.of(theirs), heard);
        assertEquals(there, result.outcomes().get(0).failure(), "the new failure, not the one before the wait");
        assertEquals(List.of("failed " + theirs.runId()), heard.events);
    }

    @Test
    void anInterruptionWhileWaitingReachesTheCaller() {
        RunSpec theirs = run(5, 10);
        assertTrue(store.claim(theirs));
        IllegalStateException ctrlC = new IllegalStateException("interrupted");
        TinyRuns.Recording heard = otherHolder(2, () -> {
            throw ctrlC;
        });
        assertSame(ctrlC, assertThrows(IllegalStateException.class,
                () -> new Study(store, engine, QUICK_POLLS).run(List.of(theirs), heard)));
        assertFalse(store.claim(theirs), "the other holder's claim is not this study's to give up");
        assertEquals(1, heard.summary.unfinished());
    }
}
