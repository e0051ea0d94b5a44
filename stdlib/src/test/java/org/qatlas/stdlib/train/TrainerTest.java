package org.qatlas.stdlib.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qatlas.stdlib.data.SyntheticLanguage;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.quant.FormatValue;
import org.qatlas.stdlib.quant.Granularity;
import org.qatlas.stdlib.quant.IntFormat;
import org.qatlas.stdlib.quant.SchemeValue;

class TrainerTest {
    private static final ModelValue TINY = new ModelValue(1, 16, 32, 2, 1, 16, 16, false);
    private static final SyntheticLanguage DATA = SyntheticLanguage.generate(16, 200_000, 2, 1.0, 3, 0.05);
    private static final SchemeValue FP = new SchemeValue(null, null);

    private static Budget budget(long tokens, double lr) {
        return Budget.DEFAULT.with(tokens, 8, lr).withEvalTokens(1024);
    }

    @Test
    void learnsBelowTheUniformLossAndRecordsTheRun() {
        RunRecord run = Trainer.train(TINY, FP, budget(100 * 8 * 16, 1e-2), DATA, 1, Monitor.NONE);
        assertEquals(100, run.steps());
        assertTrue(run.evalLoss() < Math.log(16) - 0.2, "eval loss " + run.evalLoss() + " vs uniform " + Math.log(16));
        assertTrue(run.loss() < Math.log(16) - 0.2, "train loss " + run.loss());
        assertTrue(run.evalLoss() > DATA.entropy() - 0.05, "no model beats the entropy rate: " + run.evalLoss());
        List<Map<String, Object>> curve = run.curve();
        assertEquals(100L, curve.get(curve.size() - 1).get("step"));
        assertTrue(run.tokensPerSecond() > 0 && run.mfu() > 0);
    }

    @Test
    void sameConfigurationIsAnsweredFromTheStoreAndSeedsDecide() {
        Budget b = budget(10 * 8 * 16, 1e-2);
        RunStore store = RunStore.inMemory();
        RunRecord first = Trainer.train(TINY, FP, b, DATA, 5, CheckpointPlan.NONE, Monitor.NONE, store);
        assertEquals(first, Trainer.train(TINY, FP, b, DATA, 5, CheckpointPlan.NONE, Monitor.NONE, store));
        RunRecord otherSeed = Trainer.train(TINY, FP, b, DATA, 6, CheckpointPlan.NONE, Monitor.NONE, store);
        assertTrue(first.loss() != otherSeed.loss());
    }

    @Test
    void quantizedRunsRecordQuantizationDiagnostics() {
        FormatValue int4 = new FormatValue(IntFormat.symmetric(4), Granularity.group(8));
        SchemeValue w4a4 = new SchemeValue(int4, int4);
        RunRecord run = Trainer.train(TINY, w4a4, budget(10 * 8 * 16, 1e-2), DATA, 2, Monitor.NONE);
        @SuppressWarnings("unchecked")
        Map<String, Object> kurtosis = (Map<String, Object>) run.diagnostics().get("kurtosis");
        assertTrue(kurtosis.containsKey("layers.0.fc2.input"), kurtosis.keySet().toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> weightError = (Map<String, Object>) run.diagnostics().get("weight_mse");
        assertTrue((Double) weightError.get("layers.0.fc2.weight") > 0);
    }

    @Test
    void aDivergingRunStopsWithTheStep() {
        // No weight decay: at this rate it would scale the weights by 1 - lr * decay < 0, which budget refuses.
        TrainingStopped stopped = assertThrows(TrainingStopped.class,
                () -> Trainer.train(TINY, FP, budget(40 * 8 * 16, 1e-2).with(Map.of("lr", 1e6, "grad_clip", 0.0, "weight_decay", 0.0)), DATA, 1, Monitor.NONE));
        assertTrue(stopped.getMessage().matches("train: the loss (became nan|became inf|exploded to .*) at step \\d+ of 40 .*"),
                stopped.getMessage());
    }
}
