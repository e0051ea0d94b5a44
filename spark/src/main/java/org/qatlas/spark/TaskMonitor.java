package org.qatlas.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.qatlas.stdlib.train.Monitor;

/**
 * Watches a run inside a Spark task: each step kept in the run's {@link RunProgress} (the
 * driver shows it), the run's warnings kept for the driver, how far it got kept for a
 * failure's report, and the
 * task's cancellation honoured between steps, so that a study stopped on the driver stops its
 * runs instead of letting them train to the end.
 */
final class TaskMonitor implements Monitor {
    private final TaskContext task;
    private final RunProgress progress;
    private final List<String> warnings = new ArrayList<>();
    private boolean started;
    private long done;
    private long steps;

    /** @param task the task training the run; null outside Spark (nothing to cancel) */
    TaskMonitor(TaskContext task, RunProgress progress) {
        this.task = task;
        this.progress = progress;
    }

    @Override
    public void started(long step, long totalSteps) {
        started = true;
        done = step;
        steps = totalSteps;
        poll();
    }

    @Override
    public void step(long step, long totalSteps, long tokens, double loss, double tokensPerSecond) {
        done = step;
        progress.add(new RunProgress.Step(step, totalSteps, tokens, loss, tokensPerSecond));
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

    /** The step a failure happened in: the one after the last finished (at most the last), 0 before training began. */
    long failedStep() {
        return started ? Math.min(done + 1, steps) : 0;
    }
}
