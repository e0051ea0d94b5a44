package org.qatlas.stdlib.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;

/** A run's thread budget holds Qatlas's splitting and OpenBLAS down while open, and gives both back. */
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
}
