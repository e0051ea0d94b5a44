package org.qatlas.stdlib.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;

/**
 * A run's thread budget holds Qatlas's splitting and OpenBLAS down while open, and gives both
 * back when the last open budget closes, whichever thread opened it.
 */
class ThreadBudgetTest {
    @Test
    void smallStepsRunOnOneThreadUntilClosed() {
        int parallel = Parallel.threads();
        int blas = ThreadBudget.blasThreads();
        int nd4j = Nd4j.getEnvironment().maxMasterThreads();
        try (ThreadBudget budget = ThreadBudget.forStep(ThreadBudget.SINGLE_THREAD_STEP_FLOPS / 2)) {
            assertEquals(1, Parallel.threads());
            assertEquals(1, ThreadBudget.blasThreads());
            assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
            int[] owners = new int[8];
            Parallel.forEach(owners.length, i -> owners[i] = (int) Thread.currentThread().threadId());
            for (int owner : owners) {
                assertEquals((int) Thread.currentThread().threadId(), owner, "all blocks on the calling thread");
            }
        }
        assertEquals(parallel, Parallel.threads());
        assertEquals(blas, ThreadBudget.blasThreads());
        assertEquals(nd4j, Nd4j.getEnvironment().maxMasterThreads());
    }

    @Test
    void bigStepsKeepTheThreadsTheyHad() {
        int parallel = Parallel.threads();
        int blas = ThreadBudget.blasThreads();
        try (ThreadBudget budget = ThreadBudget.forStep(ThreadBudget.SINGLE_THREAD_STEP_FLOPS * 10)) {
            assertEquals(parallel, Parallel.threads());
            assertEquals(blas, ThreadBudget.blasThreads());
        }
        assertEquals(parallel, Parallel.threads());
    }

    @Test
    void budgetsOfRunsOnOtherThreadsHoldTheSettingsUntilTheLastOneCloses() throws Exception {
        int parallel = Parallel.threads();
        int blas = ThreadBudget.blasThreads();
        int nd4j = Nd4j.getEnvironment().maxMasterThreads();
        ThreadBudget first = ThreadBudget.limit(1);
        // A second run on another thread opens its budget, and the first run ends before it.
        ThreadBudget[] second = new ThreadBudget[1];
        Thread other = Thread.ofPlatform().start(() -> second[0] = ThreadBudget.forStep(ThreadBudget.SINGLE_THREAD_STEP_FLOPS / 2));
        other.join();
        first.close();
        assertEquals(1, Parallel.threads(), "the second run still trains on one thread");
        assertEquals(Math.min(blas, 1), ThreadBudget.blasThreads());
        assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
        second[0].close();
        assertEquals(parallel, Parallel.threads());
        assertEquals(blas, ThreadBudget.blasThreads());
        assertEquals(nd4j, Nd4j.getEnvironment().maxMasterThreads());
    }

    @Test
    void aBigRunInsideAOneThreadBudgetStaysOnOneThread() {
        int parallel = Parallel.threads();
        try (ThreadBudget outer = ThreadBudget.limit(1)) {
            try (ThreadBudget inner = ThreadBudget.forStep(ThreadBudget.SINGLE_THREAD_STEP_FLOPS * 10)) {
                assertEquals(1, Parallel.threads());
            }
            assertEquals(1, Parallel.threads(), "closing the inner budget hands nothing back early");
        }
        assertEquals(parallel, Parallel.threads());
        assertThrows(IllegalArgumentException.class, () -> ThreadBudget.limit(0));
    }
}
