package org.qatlas.spark;

import org.qatlas.stdlib.model.ThreadBudget;

/**
 * One executor core, one run: while any task of this JVM trains, training runs on one thread
 * per run (Qatlas's own splitting, OpenBLAS's and ND4J's threads), so that an executor given
 * N cores trains N runs side by side without their threads competing for the cores. When
 * the last task of the JVM ends, the thread counts in force before come back (in local mode the
 * executor is the driver's own JVM).
 *
 * <p>The counts are the process's, so the budget is held by the first task to start and given
 * back by the last to end; a task given more than one core ({@code spark.task.cpus}) holds no
 * budget of its own, and its run chooses its threads as it would alone.
 */
final class TaskThreads implements AutoCloseable {
    private static final Object LOCK = new Object();
    private static int training;
    private static ThreadBudget budget;

    private final boolean counted;
    private boolean closed;

    private TaskThreads(boolean counted) {
        this.counted = counted;
    }

    /** Holds training to one thread per run while the task of {@code cpus} cores (1: the default) trains. */
    static TaskThreads claim(int cpus) {
        if (cpus > 1) {
            return new TaskThreads(false);
        }
        synchronized (LOCK) {
            if (training++ == 0) {
                budget = ThreadBudget.forStep(0); // the budget of the smallest step: one thread
            }
        }
        return new TaskThreads(true);
    }

    @Override
    public void close() {
        if (!counted || closed) {
            return;
        }
        closed = true;
        synchronized (LOCK) {
            if (--training == 0) {
                budget.close();
                budget = null;
            }
        }
    }
}
