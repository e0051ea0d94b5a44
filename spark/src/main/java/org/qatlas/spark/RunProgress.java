package org.qatlas.spark;

import java.io.Serializable;
import org.apache.spark.util.AccumulatorV2;

/**
 * A run's latest step, carried from its task to the driver while it trains: executors send
 * their tasks' accumulators with every heartbeat ({@code spark.executor.heartbeatInterval}, set
 * to 2 s by default here), and the driver passes the step on to the study's listener, so that
 * a study on a cluster shows its runs' progress as a study on this machine does, a heartbeat
 * late. The value is the step itself, not a sum: adding a step replaces the one before.
 */
final class RunProgress extends AccumulatorV2<RunProgress.Step, RunProgress.Step> {
    private static final long serialVersionUID = 1L;

    /** The accumulator's name, by which the driver tells it from Spark's own. */
    static final String NAME = "qatlas.run.progress";

    /** One finished step, as the trainer's monitor hears it. */
    record Step(long step, long steps, long tokens, double loss, double tokensPerSecond) implements Serializable {
    }

    /** Written by the task's thread, read by the executor's heartbeat thread. */
    private volatile Step latest;

    @Override
    public boolean isZero() {
        return latest == null;
    }

    @Override
    public AccumulatorV2<Step, Step> copy() {
        RunProgress copy = new RunProgress();
        copy.latest = latest;
        return copy;
    }

    @Override
    public void reset() {
        latest = null;
    }

    @Override
    public void add(Step step) {
        latest = step;
    }

    @Override
    public void merge(AccumulatorV2<Step, Step> other) {
        Step theirs = other.value();
        if (theirs != null && (latest == null || theirs.step() > latest.step())) {
            latest = theirs;
        }
    }

    @Override
    public Step value() {
        return latest;
    }
}
