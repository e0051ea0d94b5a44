package org.qatlas.stdlib.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qatlas.stdlib.study.TinyRuns.broken;
import static org.qatlas.stdlib.study.TinyRuns.diverging;
import static org.qatlas.stdlib.study.TinyRuns.losses;
import static org.qatlas.stdlib.study.TinyRuns.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunStore;

class StudyTest {
    private final RunStore store = RunStore.inMemory();
    private final LocalEngine engine = new LocalEngine(2, RunCheckpoints.NONE);

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    private StudyResult study(StudyOptions options, List<RunSpec> specs, StudyListener listener) {
        return new Study(store, engine, options).run(specs, listener);
    }

    @Test
    void eachDistinctRunTrainsOnceAndOutcomesFollowTheGivenOrder() {
        RunSpec a = run(1, 10);
        RunSpec b = run(2, 10);
        RunSpec c = run(3, 10);
        TinyRuns.Recording heard = new TinyRuns.Recording();
        StudyResult result = study(StudyOptions.DEFAULT, List.of(b, a, b, c, a), heard);
        List<RunOutcome> outcomes = result.outcomes();
        assertEquals(List.of(b, a, b, c, a), outcomes.stream().map(RunOutcome::spec).toList());
        assertSame(outcomes.get(0).run(), outcomes.get(2).run(), "a duplicate shares its run");
        assertSame(outcomes.get(1).run(), outcomes.get(4).run());
        assertEquals(b.runId(), outcomes.get(0).run().runId());
        assertEquals(3, heard.count("started"), heard.events.toString());
        assertEquals(3, result.summary().trained());
        assertEquals(3, result.summary().runs());
        assertSame(heard.summary, result.summary());
        for (RunSpec spec : List.of(a, b, c)) {
            assertNotNull(store.find(spec.runId(), spec.config()), "stored as it finished");
        }
    }

    @Test
    void runsTheStoreHasAreAnsweredFromItUnlessFresh() {
        RunSpec a = run(1, 10);
        RunSpec b = run(2, 10);
        RunRecord first = study(StudyOptions.DEFAULT, List.of(a), new TinyRuns.Recording()).outcomes().get(0).run();
        TinyRuns.Recording heard = new TinyRuns.Recording();
        StudyResult again = study(StudyOptions.DEFAULT, List.of(a, b), heard);
        assertSame(first, again.outcomes().get(0).run());
        assertTrue(again.outcomes().get(0).stored());
        assertFalse(again.outcomes().get(1).stored());
        assertEquals(List.of("answered " + a.runId(), "started " + b.runId(), "finished " + b.runId()), heard.events);
        assertEquals(1, again.summary().answered());
        assertEquals(1, again.summary().trained());

        TinyRuns.Recording freshly = new TinyRuns.Recording();
        StudyResult fresh = study(StudyOptions.DEFAULT.withFresh(true), List.of(a), freshly);
        assertEquals(List.of("started " + a.runId(), "finished " + a.runId()), freshly.events);
        assertNotSame(first, fresh.outcomes().get(0).run());
        assertArrayEquals(losses(first), losses(fresh.outcomes().get(0).run()), "trained again, to the same losses");
        assertSame(fresh.outcomes().get(0).run(), store.find(a.runId(), a.config()), "the store keeps the new run");
    }

    @Test
    void aDivergingRunFailsAtItsStepWhileTheOthersFinish() {
        RunSpec wild = diverging(1);
        List<RunSpec> specs = List.of(run(1, 10), wild, run(2, 10));
        StudyResult result = study(StudyOptions.DEFAULT, specs, new TinyRuns.Recording());
        RunOutcome failed = result.outcomes().get(1);
        assertFalse(failed.finished());
        assertTrue(failed.failure().step() >= 1 && failed.failure().step() <= 40, failed.failure().toString());
        assertTrue(failed.failure().reason().matches("train: the loss (became nan|became inf|exploded to .*) at step "
                + failed.failure().step() + " of 40 .*"), failed.failure().reason());
        assertTrue(result.outcomes().get(0).finished() && result.outcomes().get(2).finished());
        assertEquals(failed.failure(), store.failure(wild.runId()), "kept in the store as failed");
        assertEquals(List.of(new StudySummary.Failed(wild, failed.failure())), result.summary().failures());
        assertTrue(result.summary().lines().get(1).startsWith("  failed " + wild.runId() + " at step " + failed.failure().step()),
                result.summary().lines().toString());
    }

    @Test
    void aJavaErrorInsideOneRunIsThatRunsFailure() {
        RunSpec bad = broken(7, 5);
        StudyResult result = study(StudyOptions.DEFAULT, List.of(run(1, 10), bad, run(2, 10)), new TinyRuns.Recording());
        RunFailure failure = result.outcomes().get(1).failure();
        assertEquals(5, failure.step(), "the step in progress when the error came");
        assertTrue(failure.reason().startsWith("java.lang.AssertionError: a broken invariant at "), failure.reason());
        assertTrue(result.outcomes().get(0).finished() && result.outcomes().get(2).finished());
        assertEquals("study: 3 runs: 2 trained, 0 from the store, 1 failed", result.summary().lines().get(0).split(" in ")[0]);
    }

    @Test
    void aStrictStudyStopsAtTheFirstFailureAndReleasesTheRest() {
        try (LocalEngine oneAtATime = new LocalEngine(1, RunCheckpoints.NONE)) {
            RunSpec ok = run(1, 10);
            RunSpec wild = diverging(2);
            RunSpec later = run(3, 10);
            TinyRuns.Recording heard = new TinyRuns.Recording();
            StudyFailed failed = assertThrows(StudyFailed.class, () -> new Study(store, oneAtATime,
                    StudyOptions.DEFAULT.withStrict(true)).run(List.of(ok, wild, later), heard));
            assertSame(wild, failed.spec());
            assertEquals(store.failure(wild.runId()), failed.failure());
            assertTrue(failed.getMessage().startsWith("run " + wild.runId() + " ("), failed.getMessage());
            assertTrue(failed.getMessage().contains("the study is strict, so it stopped there (1 trained, 0 from the store, 1 not finished)"),
                    failed.getMessage());
            assertFalse(heard.events.contains("started " + later.runId()), "one run at a time: never started");
            assertNotNull(store.find(ok.runId(), ok.config()));
            assertTrue(store.claim(later), "the run not trained holds no claim");
            assertEquals(1, heard.summary.unfinished());
        }
    }

    @Test
    void anInterruptionStopsTheRunsInFlightKeepsWhatFinishedAndReleasesTheRest() {
        RunSpec quick = run(1, 5);
        RunSpec slow = run(2, 30);
        RunSpec last = run(3, 30);
        CountDownLatch quickStored = new CountDownLatch(1);
        IllegalStateException ctrlC = new IllegalStateException("interrupted");
        TinyRuns.Recording heard = new TinyRuns.Recording() {
            @Override
            public void finished(RunSpec spec, RunRecord run) {
                super.finished(spec, run);
                quickStored.countDown();
            }

            @Override
            public void step(RunSpec spec, long step, long steps, long tokens, double loss, double tokensPerSecond) {
                if (spec.equals(slow) && step == 3) {
                    try {
                        // The quick run trains beside this one; the interruption comes once it is done.
                        assertTrue(quickStored.await(60, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    throw ctrlC;
                }
            }
        };
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> study(StudyOptions.DEFAULT, List.of(quick, slow, last), heard));
        assertSame(ctrlC, thrown, "the listener's own exception");
        assertNotNull(store.find(quick.runId(), quick.config()), "what finished is kept");
        assertEquals(0, heard.count("failed"), "stopped runs are not failures");
        assertNull(store.failure(slow.runId()));
        assertTrue(store.claim(slow), "the interrupted run's claim is released");
        assertTrue(store.claim(last), "so is the claim of the run that never finished");
        assertEquals(1, heard.summary.trained());
        assertEquals(2, heard.summary.unfinished());
    }

    @Test
    void anInterruptOfTheStudysThreadStopsItsRuns() throws Exception {
        RunSpec longRun = run(4, 100_000);
        CountDownLatch training = new CountDownLatch(1);
        TinyRuns.Recording heard = new TinyRuns.Recording() {
            @Override
            public void step(RunSpec spec, long step, long steps, long tokens, double loss, double tokensPerSecond) {
                training.countDown();
            }
        };
        Throwable[] thrown = new Throwable[1];
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                study(StudyOptions.DEFAULT, List.of(longRun), heard);
            } catch (RuntimeException e) {
                thrown[0] = e;
            }
        });
        assertTrue(training.await(60, TimeUnit.SECONDS));
        caller.interrupt();
        caller.join();
        assertTrue(thrown[0] instanceof java.util.concurrent.CancellationException, String.valueOf(thrown[0]));
        assertTrue(store.claim(longRun), "its claim is released");
        assertEquals(1, heard.summary.unfinished());
    }

    @Test
    void aStoreThatCannotKeepARunCostsAWarningNotTheRun(@TempDir Path folder) throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("runs"), "a file where the store's folder should be");
        RunStore broken = RunStore.open(notAFolder.resolve("runs.db"));
        RunSpec spec = run(5, 10);
        TinyRuns.Recording heard = new TinyRuns.Recording();
        StudyResult result = new Study(broken, engine, StudyOptions.DEFAULT).run(List.of(spec), heard);
        assertTrue(result.outcomes().get(0).finished());
        assertEquals(1, heard.warnings.size(), heard.warnings.toString());
        assertTrue(heard.warnings.get(0).startsWith("study: warning: cannot save run " + spec.runId()), heard.warnings.get(0));
        assertTrue(heard.warnings.get(0).endsWith("; the study returns the run, but it is not stored"), heard.warnings.get(0));
    }
}
