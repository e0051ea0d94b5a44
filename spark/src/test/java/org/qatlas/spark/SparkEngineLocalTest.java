package org.qatlas.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qatlas.stdlib.study.Engine;
import org.qatlas.stdlib.study.EngineProviders;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;

/** The engine on local[2]: two executor cores in this JVM, one SparkContext for the class. */
class SparkEngineLocalTest {
    private static Engine engine;

    @BeforeAll
    static void start() {
        // Heartbeats (which carry the runs' steps) more often than the engine's default, for the test of steps.
        engine = EngineProviders.open("spark", "local[2]", Map.of("spark.executor.heartbeatInterval", "500ms"));
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void trainsEachRunToTheRecordThatTrainingItDirectlyGives() {
        List<RunSpec> specs = TinyRuns.study(4, 12);
        TinyRuns.Recorder heard = new TinyRuns.Recorder();
        engine.train(specs, heard);

        assertEquals(Map.of(), heard.failed);
        assertEquals(specs.size(), heard.finished.size());
        assertEquals(specs.size(), heard.started.size(), "each run is reported started once: " + heard.started);
        for (RunSpec spec : specs) {
            RunRecord remote = heard.finished.get(spec);
            RunRecord direct = TinyRuns.direct(spec);
            assertEquals(direct.runId(), remote.runId());
            assertEquals(direct.loss(), remote.loss(), "the same seed gives the same losses");
            assertEquals(direct.evalLoss(), remote.evalLoss());
            assertEquals(direct.curve(), remote.curve());
            assertEquals(direct.diagnostics(), remote.diagnostics());
            assertEquals(direct.steps(), remote.steps());
            assertEquals(direct.tokens(), remote.tokens());
            assertEquals(direct.config().toString(), remote.config().toString());
            assertTrue(remote.seconds() > 0 && remote.tokensPerSecond() > 0);
        }
        assertEquals("spark(local[2])", engine.describe());
    }

    @Test
    void aDivergingRunFailsAloneWithItsStepAndTheOthersFinish() {
        RunSpec wild = TinyRuns.diverging(7);
        List<RunSpec> specs = List.of(TinyRuns.spec(TinyRuns.FP, 8, 1), wild, TinyRuns.spec(TinyRuns.W4A4, 8, 2));
        TinyRuns.Recorder heard = new TinyRuns.Recorder();
        engine.train(specs, heard);

        assertEquals(List.of(wild), List.copyOf(heard.failed.keySet()));
        RunFailure failure = heard.failed.get(wild);
        assertTrue(failure.reason().matches("train: the loss (became nan|became inf|exploded to .*) at step \\d+ of 30 .*"),
                failure.reason());
        assertTrue(failure.reason().contains("at step " + failure.step() + " of"), failure.reason());
        assertEquals(2, heard.finished.size());
    }

    @Test
    void anExceptionFromTheListenerStopsTheStudyAndIsRethrown() {
        IllegalStateException interruption = new IllegalStateException("interrupted");
        TinyRuns.Recorder stopping = new TinyRuns.Recorder() {
            @Override
            public void started(RunSpec spec) {
                throw interruption;
            }
        };
        List<RunSpec> specs = TinyRuns.study(4, 400);
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> engine.train(specs, stopping));
        assertSame(interruption, thrown);
        assertTrue(stopping.finished.size() < specs.size(), "cancelled runs are not reported: " + stopping.finished.keySet());

        TinyRuns.Recorder after = new TinyRuns.Recorder();
        engine.train(TinyRuns.study(2, 4), after);
        assertEquals(2, after.finished.size(), "the engine trains again after a stopped study");
    }

    @Test
    void stepsComeFromTheExecutorsAndTheFirstOneHeardCanStopALongRun() {
        // A run of 20,000 steps (tens of seconds); the first step a heartbeat brings stops the study.
        RunSpec longRun = TinyRuns.spec(TinyRuns.FP, 20_000, 5);
        IllegalStateException interruption = new IllegalStateException("interrupted at a step");
        TinyRuns.Recorder stopping = new TinyRuns.Recorder() {
            @Override
            public void step(RunSpec spec, long step, long steps, long tokens, double loss, double tokensPerSecond) {
                super.step(spec, step, steps, tokens, loss, tokensPerSecond);
                throw interruption;
            }
        };
        assertSame(interruption, assertThrows(IllegalStateException.class, () -> engine.train(List.of(longRun), stopping)));
        assertEquals(1, stopping.steps.size());
        TinyRuns.Step heard = stopping.steps.get(0);
        assertEquals(longRun, heard.spec());
        assertEquals(20_000, heard.steps());
        assertTrue(heard.step() >= 1 && heard.step() < 20_000, "a step of the run in flight: " + heard);
        assertEquals(heard.step() * 8 * 16, heard.tokens());
        assertTrue(heard.loss() > 0 && heard.loss() < 10, "a loss near ln(16): " + heard);
        assertEquals(Map.of(), stopping.finished, "the stopped run does not finish");
    }

    @Test
    void aPollOfTheWaitingCallerThatThrowsStopsTheRunsInFlight() {
        // Ctrl-C in the REPL arrives this way: the caller's poll throws while a long run trains.
        RunSpec longRun = TinyRuns.spec(TinyRuns.FP, 20_000, 6);
        IllegalStateException interruption = new IllegalStateException("Ctrl-C");
        TinyRuns.Recorder stopping = new TinyRuns.Recorder() {
            @Override
            public void poll() {
                if (!started.isEmpty()) {
                    throw interruption;
                }
            }
        };
        assertSame(interruption, assertThrows(IllegalStateException.class, () -> engine.train(List.of(longRun), stopping)));
        assertEquals(List.of(longRun), stopping.started);
        assertEquals(Map.of(), stopping.finished);
        assertEquals(Map.of(), stopping.failed, "a stopped run is not a failed run");
    }
}
