package org.qatlas.stdlib.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qatlas.stdlib.study.TinyRuns.losses;
import static org.qatlas.stdlib.study.TinyRuns.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.train.Checkpoint;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunStore;

/** A study's runs keep timed checkpoints, resume from them, and delete them once finished. */
class StudyCheckpointTest {
    @TempDir
    Path folder;

    @Test
    void anInterruptedRunResumesFromItsTimedCheckpointToTheSameLosses() throws Exception {
        RunSpec spec = run(31, 20);
        RunRecord uninterrupted;
        try (LocalEngine plain = new LocalEngine(1, RunCheckpoints.NONE)) {
            uninterrupted = new Study(RunStore.inMemory(), plain, StudyOptions.DEFAULT).run(List.of(spec), new TinyRuns.Recording())
                    .outcomes().get(0).run();
        }
        // Each step takes ten seconds by this clock; a checkpoint is due after 35.
        AtomicLong nanos = new AtomicLong();
        RunCheckpoints checkpoints = RunCheckpoints.in(folder).every(Duration.ofSeconds(35)).withClock(nanos::get);
        RunStore store = RunStore.inMemory();
        IllegalStateException ctrlC = new IllegalStateException("interrupted");
        TinyRuns.Recording interrupting = new TinyRuns.Recording() {
            @Override
            public void step(RunSpec s, long step, long steps, long tokens, double loss, double tokensPerSecond) {
                nanos.addAndGet(Duration.ofSeconds(10).toNanos());
                if (step == 12) {
                    throw ctrlC;
                }
            }
        };
        try (LocalEngine engine = new LocalEngine(1, checkpoints)) {
            assertThrows(IllegalStateException.class, () -> new Study(store, engine, StudyOptions.DEFAULT).run(List.of(spec), interrupting));
        }
        Path file = folder.resolve(spec.runId() + ".ckpt");
        assertEquals(file, checkpoints.file(spec));
        // Due after steps 5 and 9 (40 and 80 seconds), not yet at step 12 (110).
        assertEquals(9, Checkpoint.load(FileAccess.local(), file.toString(), 20).nextStep());

        long[] firstStep = {-1};
        TinyRuns.Recording resuming = new TinyRuns.Recording() {
            @Override
            public void step(RunSpec s, long step, long steps, long tokens, double loss, double tokensPerSecond) {
                if (firstStep[0] < 0) {
                    firstStep[0] = step;
                }
            }
        };
        RunRecord resumed;
        try (LocalEngine engine = new LocalEngine(1, checkpoints)) {
            resumed = new Study(store, engine, StudyOptions.DEFAULT).run(List.of(spec), resuming).outcomes().get(0).run();
        }
        assertEquals(10, firstStep[0], "the first step trained again is the one after the checkpoint");
        assertArrayEquals(losses(uninterrupted), losses(resumed));
        assertEquals(uninterrupted.evalLoss(), resumed.evalLoss());
        assertFalse(Files.exists(file), "a finished run's checkpoint is deleted");
        try (var left = Files.list(folder)) {
            assertEquals(List.of(), left.toList(), "nothing is left in the folder");
        }
    }

    @Test
    void anUnreadableCheckpointIsSetAsideAndTheRunTrainsFromTheStart() throws Exception {
        RunSpec spec = run(32, 10);
        RunCheckpoints checkpoints = RunCheckpoints.in(folder);
        Files.writeString(checkpoints.file(spec), "not a zip file");
        TinyRuns.Recording heard = new TinyRuns.Recording();
        try (LocalEngine engine = new LocalEngine(1, checkpoints)) {
            StudyResult result = new Study(RunStore.inMemory(), engine, StudyOptions.DEFAULT).run(List.of(spec), heard);
            assertTrue(result.outcomes().get(0).finished());
        }
        assertEquals(1, heard.warnings.size(), heard.warnings.toString());
        assertTrue(heard.warnings.get(0).startsWith("study: warning: train: "), heard.warnings.get(0));
        assertTrue(heard.warnings.get(0).endsWith(".ckpt.unreadable and training the run from its first step"), heard.warnings.get(0));
        assertTrue(Files.exists(folder.resolve(spec.runId() + ".ckpt.unreadable")));
    }
}
