package org.qatlas.stdlib.study;

import org.qatlas.stdlib.model.LlamaConfig;
import org.qatlas.stdlib.backend.cpu.ThreadBudget;
import org.qatlas.stdlib.train.RunSpec;

/**
 * How many runs a {@link LocalEngine} trains at once, and on how many threads each. The rule:
 * <ul>
 *   <li>By default ({@code automatic}) there is a worker per core. A run whose steps are small
 *       (under {@link ThreadBudget#SINGLE_THREAD_STEP_FLOPS}) trains on one thread, beside the
 *       others: one thread is its fastest setting anyway, since waking a second thread costs
 *       more than it brings at that size, so small runs side by side keep every core busy
 *       without wake-ups. A run with bigger steps gains from all threads and trains on all of
 *       them, alone: it waits until the runs in flight finish, and runs started after it wait
 *       for it. Alone, it also needs memory for one run, not one per core.</li>
 *   <li>With {@code workers: N}, N runs train at once, each on at most cores / N threads (at
 *       least one): {@code workers: 1} trains one run at a time, each on the threads its size
 *       asks for, as {@code train} does; {@code workers} equal to the cores trains big runs
 *       side by side too, one thread each, with the memory of as many runs.</li>
 * </ul>
 * Threads are OpenBLAS's, ND4J's and Qatlas's own (a {@link ThreadBudget} per run). Since those
 * settings belong to the process, the runs training at once always share one thread count;
 * this rule is what keeps that count right for each of them.
 *
 * @param workers runs at once (at most)
 * @param automatic whether the count came from the cores rather than from the caller
 * @param cores the machine's cores
 */
record WorkerPlan(int workers, boolean automatic, int cores) {
    WorkerPlan {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1 (1: one run at a time), not " + workers);
        }
    }

    /** A worker per core, small runs side by side and big ones alone. */
    static WorkerPlan automatic(int cores) {
        return new WorkerPlan(cores, true, cores);
    }

    /** {@code workers} runs at once, sharing the cores. */
    static WorkerPlan of(int workers, int cores) {
        return new WorkerPlan(workers, false, cores);
    }

    /** The slots runs take: a run takes one per thread, a big run in automatic mode all of them. */
    int slots() {
        return Math.max(cores, workers);
    }

    /** The threads {@code spec} trains on. */
    int threads(RunSpec spec) {
        int wanted = Math.min(ThreadBudget.threadsForStep(flopsPerStep(spec)), slots());
        return automatic ? wanted : Math.min(wanted, Math.max(1, cores / workers));
    }

    /** The slots {@code spec} takes while it trains: in automatic mode, a run on more than one thread takes all. */
    int slots(RunSpec spec) {
        int threads = threads(spec);
        return automatic && threads > 1 ? slots() : threads;
    }

    /** The training FLOPs of one step of {@code spec}, which decide its threads. */
    static double flopsPerStep(RunSpec spec) {
        LlamaConfig config = spec.model().config();
        return config.flopsPerToken() * spec.budget().batch() * config.seq();
    }

    /** "2 workers", "1 worker". */
    String describe() {
        return workers + (workers == 1 ? " worker" : " workers");
    }
}
