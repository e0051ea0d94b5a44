package org.qatlas.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.qatlas.stdlib.train.Monitor;

/**
 * Watches a run inside a Spark task: no progress line (an executor has no terminal), the
 * run's warnings kept for the driver, the last step finished for a failure's report, and the
 * task's cancellation honoured between steps, so that a study stopped on the driver stops its
 * runs instead of letting them train to the end.
 */
final class TaskMonitor implements Monitor {
    private final TaskContext task;
    private final List<String> warnings = new ArrayList<>();
    private long lastStep;
    private long steps;

    /** @param task the task training the run; null outside Spark (nothing to cancel) */
    TaskMonitor(TaskContext task) {
        this.task = task;
    }

    @Override
    public void step(long step, long steps, long tokens, double loss, double tokensPerSecond) {
        lastStep = step;
        this.steps = steps;
        poll();
    }

    @Override
    public void poll() {
        if (task != null) {
            task.killTaskIfInterrupted(); // throws TaskKilledException once the job is cancelled
        }
    }

    @Override
    public void warning(String message) {
        warnings.add(message);
    }

    List<String> warnings() {
        return warnings;
    }

    /** The step under way when the run stopped (1-based), or 0 before its first step finished. */
    long stepUnderWay() {
        return lastStep == 0 ? 0 : Math.min(lastStep + 1, steps);
    }
}
