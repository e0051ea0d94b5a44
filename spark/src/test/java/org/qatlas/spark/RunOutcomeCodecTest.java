package org.qatlas.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qatlas.stdlib.data.SyntheticLanguage;
import org.qatlas.stdlib.train.Provenance;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;

class RunOutcomeCodecTest {
    @Test
    void aFinishedRunReadsBackAsTheSameRecordWithTheDriversConfiguration() {
        RunSpec spec = TinyRuns.spec(TinyRuns.W4A4, 6, 3);
        RunRecord trained = TinyRuns.direct(spec);
        RunOutcome back = RunOutcomeCodec.read(RunOutcomeCodec.write(RunOutcome.finished(trained, List.of("a warning"))), spec);

        RunRecord read = back.record();
        assertNull(back.failure());
        assertEquals(List.of("a warning"), back.warnings());
        assertEquals(trained.runId(), read.runId());
        assertEquals(trained.loss(), read.loss());
        assertEquals(trained.evalLoss(), read.evalLoss());
        assertEquals(trained.curve(), read.curve(), "steps and tokens stay whole numbers, losses keep every digit");
        assertEquals(trained.diagnostics(), read.diagnostics());
        assertEquals(trained.tokens(), read.tokens());
        assertEquals(trained.steps(), read.steps());
        assertEquals(trained.seconds(), read.seconds());
        assertEquals(trained.tokensPerSecond(), read.tokensPerSecond());
        assertEquals(trained.gflops(), read.gflops());
        assertEquals(trained.mfu(), read.mfu());
        assertEquals(spec.config(), read.config());
        assertEquals(trained.provenance(), read.provenance());
        assertEquals(Provenance.KEYS, List.copyOf(read.provenance().keySet()));
    }

    @Test
    void aLossThatIsNotANumberTravelsAsSuch() {
        // Nothing held out: the run has no held-out loss (NaN), which JSON has no word for.
        RunSpec spec = new RunSpec(TinyRuns.TINY, TinyRuns.FP, TinyRuns.budget(4), SyntheticLanguage.generate(16, 20_000, 2, 1.0, 3, 0),
                1);
        RunRecord trained = TinyRuns.direct(spec);
        assertTrue(Double.isNaN(trained.evalLoss()));
        String json = RunOutcomeCodec.write(RunOutcome.finished(trained, List.of()));
        assertTrue(json.contains("\"eval_loss\":NaN"), json);
        assertTrue(Double.isNaN(RunOutcomeCodec.read(json, spec).record().evalLoss()));
    }

    @Test
    void aFailureReadsBackWithItsStepAndReason() {
        RunSpec spec = TinyRuns.diverging(1);
        RunFailure failure = new RunFailure(3, "train: the loss became nan at step 3 of 30 (fp phase); lower lr or grad_clip");
        RunOutcome back = RunOutcomeCodec.read(RunOutcomeCodec.write(RunOutcome.failed(spec.runId(), failure, List.of())), spec);
        assertEquals(failure, back.failure());
        assertNull(back.record());
    }

    @Test
    void anOutcomeOfAnotherRunIsRefused() {
        RunSpec trainedThere = TinyRuns.spec(TinyRuns.FP, 4, 1);
        RunSpec sentFromHere = TinyRuns.spec(TinyRuns.FP, 4, 2);
        String json = RunOutcomeCodec.write(RunOutcome.finished(TinyRuns.direct(trainedThere), List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunOutcomeCodec.read(json, sentFromHere));
        assertTrue(e.getMessage().startsWith("the executor trained run " + trainedThere.runId() + " for run " + sentFromHere.runId()),
                e.getMessage());
    }
}
