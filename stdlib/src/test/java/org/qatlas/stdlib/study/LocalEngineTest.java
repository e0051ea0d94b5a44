package org.qatlas.stdlib.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qatlas.stdlib.study.TinyRuns.losses;
import static org.qatlas.stdlib.study.TinyRuns.run;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.backend.cpu.Parallel;
import org.qatlas.stdlib.backend.cpu.ThreadBudget;
import org.qatlas.stdlib.train.Budget;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;

class LocalEngineTest {
    /** Trains {@code specs} on {@code engine}, returning each run's record by run id. */
    private static Map<String, RunRecord> train(LocalEngine engine, List<RunSpec> specs) {
        Map<String, RunRecord> runs = new ConcurrentHashMap<>();
        engine.train(specs, new StudyListener() {
            @Override
            public void finished(RunSpec spec, RunRecord run) {
                runs.put(spec.runId(), run);
            }

            @Override
            public void failed(RunSpec spec, RunFailure failure) {
                throw new AssertionError(spec.runId() + " failed: " + failure);
            }
        });
        return runs;
    }

    @Test
    void runsSideBySideReachExactlyTheLossesOfRunsOneAtATime() {
        List<RunSpec> specs = List.of(run(11, 25), run(12, 25), run(13, 25), run(14, 25));
        Map<String, RunRecord> parallel;
        Map<String, RunRecord> sequential;
        try (LocalEngine two = new LocalEngine(2, RunCheckpoints.NONE); LocalEngine one = new LocalEngine(1, RunCheckpoints.NONE)) {
            parallel = train(two, specs);
            sequential = train(one, specs);
        }
        for (RunSpec spec : specs) {
            assertArrayEquals(losses(sequential.get(spec.runId())), losses(parallel.get(spec.runId())), spec.runId());
            assertEquals(sequential.get(spec.runId()).evalLoss(), parallel.get(spec.runId()).evalLoss());
        }
    }

    @Test
    void theThreadSettingsComeBackAfterAStudy() {
        int parallel = Parallel.threads();
        int blas = ThreadBudget.blasThreads();
        try (LocalEngine engine = new LocalEngine()) {
            train(engine, List.of(run(21, 5), run(22, 5), run(23, 5)));
        }
        assertEquals(parallel, Parallel.threads());
        assertEquals(blas, ThreadBudget.blasThreads());
    }

    @Test
    void smallRunsTrainSideBySideOnOneThreadAndBigOnesAloneOnAll() {
        RunSpec small = run(1, 10);
        // 2 x 512 x 1368, 256 tokens a window, 16 windows: about 20 GFLOP a step.
        RunSpec big = new RunSpec(new ModelValue(2, 512, 1368, 8, 8, 256), TinyRuns.FP,
                Budget.DEFAULT.with(16 * 256, 16, 1e-3), TinyRuns.DATA, 1);
        assertTrue(WorkerPlan.flopsPerStep(big) > ThreadBudget.SINGLE_THREAD_STEP_FLOPS);
        WorkerPlan automatic = WorkerPlan.automatic(4);
        assertEquals(4, automatic.workers());
        assertEquals(1, automatic.threads(small));
        assertEquals(1, automatic.slots(small), "four small runs at once");
        assertEquals(Math.min(Parallel.THREADS, 4), automatic.threads(big));
        assertEquals(4, automatic.slots(big), "a big run takes every slot: it trains alone");

        WorkerPlan one = WorkerPlan.of(1, 4);
        assertEquals(1, one.threads(small));
        assertEquals(Math.min(Parallel.THREADS, 4), one.threads(big), "one at a time: each on what its size asks for");
        WorkerPlan two = WorkerPlan.of(2, 4);
        assertEquals(Math.min(Parallel.THREADS, 2), two.threads(big), "two big runs share the cores");
        WorkerPlan eight = WorkerPlan.of(8, 4);
        assertEquals(1, eight.threads(big));
        assertEquals(8, eight.slots(), "more workers than cores: each on one thread, all at once");
    }

    @Test
    void workersMustBeAtLeastOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LocalEngine(-1, RunCheckpoints.NONE));
        assertTrue(e.getMessage().startsWith("workers must be at least 1"), e.getMessage());
        try (LocalEngine engine = new LocalEngine(1, RunCheckpoints.NONE)) {
            assertEquals("local (1 worker)", engine.describe());
        }
    }
}
