package org.qatlas.stdlib.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qatlas.stdlib.data.SyntheticLanguage;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.quant.ClipMode;
import org.qatlas.stdlib.quant.FormatValue;
import org.qatlas.stdlib.quant.Granularity;
import org.qatlas.stdlib.quant.IntFormat;
import org.qatlas.stdlib.quant.SchemeValue;

class CheckpointTest {
    private static final ModelValue TINY = new ModelValue(1, 16, 32, 2, 1, 16, 16, false);
    private static final SyntheticLanguage DATA = SyntheticLanguage.generate(16, 100_000, 2, 1.0, 3, 0.05);
    private static final FormatValue CLIPPED = new FormatValue(IntFormat.symmetric(4), Granularity.group(8), false, ClipMode.TENSOR);
    /** Half FP, half QAT with learned clipping, so the checkpoint crosses the phase switch. */
    private static final SchemeValue SCHEME = new SchemeValue(
            new FormatValue(IntFormat.symmetric(4), Granularity.group(8), true, ClipMode.NONE), CLIPPED);
    private static final Budget BUDGET = Budget.DEFAULT.with(20L * 8 * 16, 8, 1e-2).withQatFraction(0.5).withEvalTokens(256);

    @TempDir
    Path folder;

    private static double[] losses(RunRecord run) {
        return run.curve().stream().mapToDouble(p -> (Double) p.get("loss")).toArray();
    }

    private static CheckpointPlan every(Path file, long steps) {
        return new CheckpointPlan(FileAccess.local(), file.toString(), steps);
    }

    private static RunRecord train(long seed, CheckpointPlan checkpoint, Monitor monitor) {
        return Trainer.train(TINY, SCHEME, BUDGET, DATA, seed, checkpoint, monitor, RunStore.inMemory());
    }

    @Test
    void aResumedRunContinuesToTheSameLossesAsAnUninterruptedOne() {
        RunRecord uninterrupted = train(4, CheckpointPlan.NONE, Monitor.NONE);
        Path checkpoint = folder.resolve("run.ckpt");
        Monitor stopAtStep13 = new Monitor() {
            @Override
            public void step(long step, long steps, long tokens, double loss, double tokensPerSecond) {
                if (step == 13) {
                    throw new IllegalStateException("interrupted");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> train(4, every(checkpoint, 4), stopAtStep13));
        assertTrue(Files.exists(checkpoint));
        assertEquals(12, Checkpoint.load(FileAccess.local(), checkpoint.toString(), 20).nextStep(),
                "the last checkpoint before step 13: every 4 steps");
        RunRecord resumed = train(4, every(checkpoint, 4), Monitor.NONE);
        assertArrayEquals(losses(uninterrupted), losses(resumed));
        assertEquals(uninterrupted.evalLoss(), resumed.evalLoss());
        try (var left = Files.list(folder)) {
            assertEquals(List.of(checkpoint), left.toList(), "no temporary file is left beside the checkpoint");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aTimedCheckpointResumesToTheSameLossesAsAnUninterruptedRun() {
        RunRecord uninterrupted = train(7, CheckpointPlan.NONE, Monitor.NONE);
        Path checkpoint = folder.resolve("timed.ckpt");
        // Each step takes ten seconds by this clock; a checkpoint is due after 35.
        AtomicLong nanos = new AtomicLong();
        CheckpointPlan timed = CheckpointPlan.timed(FileAccess.local(), checkpoint.toString(), Duration.ofSeconds(35))
                .withClock(nanos::get);
        Monitor tenSecondSteps = new Monitor() {
            @Override
            public void step(long step, long steps, long tokens, double loss, double tokensPerSecond) {
                nanos.addAndGet(Duration.ofSeconds(10).toNanos());
                if (step == 12) {
                    throw new IllegalStateException("interrupted");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> train(7, timed, tenSecondSteps));
        // The clock reads 40 s after step 5 and 80 s after step 9: due then, not at step 12.
        assertEquals(9, Checkpoint.load(FileAccess.local(), checkpoint.toString(), 20).nextStep());
        long[] firstStep = {-1};
        Monitor resumed = new Monitor() {
            @Override
            public void started(long step, long steps) {
                firstStep[0] = step;
            }
        };
        RunRecord again = train(7, timed, resumed);
        assertEquals(9, firstStep[0], "resumed where the checkpoint left off");
        assertArrayEquals(losses(uninterrupted), losses(again));
        assertEquals(uninterrupted.evalLoss(), again.evalLoss());
    }

    @Test
    void aTimedPlanRefusesAnIntervalThatIsNotPositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckpointPlan.timed(FileAccess.local(), "x.ckpt", Duration.ZERO));
        assertTrue(e.getMessage().contains("must be positive"), e.getMessage());
    }

    @Test
    void aFinishedCheckpointResumedReportsTheSpeedItWasTrainedAt() {
        Path checkpoint = folder.resolve("done.ckpt");
        RunRecord first = train(5, every(checkpoint, 10), Monitor.NONE);
        RunRecord again = train(5, every(checkpoint, 10), Monitor.NONE); // a new store: answered by the checkpoint
        assertArrayEquals(losses(first), losses(again));
        // The checkpoint holds the training time up to its last step, before the file was written.
        assertTrue(again.seconds() > 0 && again.seconds() <= first.seconds(), again.seconds() + " against " + first.seconds());
        assertEquals(again.tokens() / again.seconds(), again.tokensPerSecond(), 1e-9 * again.tokensPerSecond());
    }

    @Test
    void aCheckpointThatCannotBeWrittenLosesNothingButTheCheckpoints() throws Exception {
        Path blocker = Files.writeString(folder.resolve("a-file"), "not a folder");
        Path impossible = blocker.resolve("run.ckpt"); // a file cannot hold a checkpoint
        List<String> warnings = new ArrayList<>();
        Monitor monitor = new Monitor() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        };
        RunRecord run = train(6, every(impossible, 4), monitor);
        assertEquals(losses(train(6, CheckpointPlan.NONE, Monitor.NONE)).length, losses(run).length);
        assertEquals(1, warnings.size(), "one warning, not one per checkpoint: " + warnings);
        assertTrue(warnings.get(0).startsWith("train: warning: cannot write the checkpoint " + impossible), warnings.get(0));
        assertTrue(warnings.get(0).endsWith("training goes on without checkpoints"), warnings.get(0));
    }

    @Test
    void temporaryNamesAreUniquePerWrite() {
        String first = FileAccess.temporarySibling("runs/x.ckpt");
        String second = FileAccess.temporarySibling("runs/x.ckpt");
        assertTrue(first.startsWith("runs/x.ckpt." + ProcessHandle.current().pid() + "-"), first);
        assertTrue(first.endsWith(".partial"), first);
        assertNotEquals(first, second);
    }

    @Test
    void aCheckpointOfAnotherRunIsRefused() {
        Path checkpoint = folder.resolve("other.ckpt");
        train(1, every(checkpoint, Long.MAX_VALUE), Monitor.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> train(2, every(checkpoint, Long.MAX_VALUE), Monitor.NONE));
        assertTrue(e.getMessage().contains("not this run"), e.getMessage());
    }
}
