package org.qatlas.stdlib.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qatlas.stdlib.data.SyntheticLanguage;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.quant.FormatValue;
import org.qatlas.stdlib.quant.SchemeValue;

class CheckpointTest {
    private static final ModelValue TINY = ModelValue.of(1L, 16L, 32L, 2L, 1L, 16L, 16L, null);
    private static final SyntheticLanguage DATA = SyntheticLanguage.generate(16, 100_000, 2, 1.0, 3, 0.05);
    private static final FormatValue CLIPPED = FormatValue.integer(4L, 8L, null, null, null, true);
    /** Half FP, half QAT with learned clipping, so the checkpoint crosses the phase switch. */
    private static final SchemeValue SCHEME = SchemeValue.of(FormatValue.integer(4L, 8L, null, null, true, null), CLIPPED, null);
    private static final Budget BUDGET = Budget.of(Map.of("tokens", 20L * 8 * 16, "batch", 8L, "lr", 1e-2, "qat_fraction", 0.5,
            "eval_tokens", 256L));

    @TempDir
    Path folder;

    private static double[] losses(RunRecord run) {
        return run.curve().stream().mapToDouble(p -> (Double) p.get("loss")).toArray();
    }

    @Test
    void aResumedRunContinuesToTheSameLossesAsAnUninterruptedOne() {
        Trainer.clearStore();
        RunRecord uninterrupted = Trainer.train(TINY, SCHEME, BUDGET, DATA, 4, Monitor.NONE);
        Trainer.clearStore();
        Path checkpoint = folder.resolve("run.ckpt");
        Monitor stopAtStep13 = new Monitor() {
            @Override
            public void step(long step, long steps, long tokens, double loss, double tokensPerSecond) {
                if (step == 13) {
                    throw new IllegalStateException("interrupted");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> Trainer.train(TINY, SCHEME, BUDGET, DATA, 4, checkpoint, 4, stopAtStep13));
        assertTrue(Files.exists(checkpoint));
        assertEquals(12, Checkpoint.load(checkpoint, 20).nextStep(), "the last checkpoint before step 13: every 4 steps");
        RunRecord resumed = Trainer.train(TINY, SCHEME, BUDGET, DATA, 4, checkpoint, 4, Monitor.NONE);
        assertArrayEquals(losses(uninterrupted), losses(resumed));
        assertEquals(uninterrupted.evalLoss(), resumed.evalLoss());
    }

    @Test
    void aCheckpointOfAnotherRunIsRefused() {
        Trainer.clearStore();
        Path checkpoint = folder.resolve("other.ckpt");
        Trainer.train(TINY, SCHEME, BUDGET, DATA, 1, checkpoint, 0, Monitor.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(TINY, SCHEME, BUDGET, DATA, 2, checkpoint, 0, Monitor.NONE));
        assertTrue(e.getMessage().contains("not this run"), e.getMessage());
    }
}
