package org.qatlas.stdlib.train;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.qatlas.stdlib.io.FileAccess;

/**
 * Where and how often a run saves its state: every {@code every} steps, every {@code interval}
 * of training time, and at the end, to {@code path} in {@code files}. A run that finds a
 * checkpoint of its own configuration there resumes from it.
 *
 * <p>Scripts count steps ({@code train(..., checkpoint: "x.ckpt", every: 100)}); a study counts
 * time ({@link #timed}), since its runs differ in how long a step takes and what a crash
 * should cost is minutes of work, whatever the model.
 *
 * @param path the checkpoint file, or null for none
 * @param every steps between checkpoints (Long.MAX_VALUE: none by count)
 * @param interval training time between checkpoints, or null for none by time
 * @param clock nanoseconds, as {@link System#nanoTime()} counts them (tests pass a clock they move)
 */
public record CheckpointPlan(FileAccess files, String path, long every, Duration interval, LongSupplier clock) {
    /** No checkpoints. */
    public static final CheckpointPlan NONE = new CheckpointPlan(FileAccess.local(), null, 1);

    public CheckpointPlan {
        if (path != null && path.isBlank()) {
            throw new IllegalArgumentException("train: the checkpoint path is empty; name a file, or leave checkpoint out");
        }
        if (every < 1) {
            throw new IllegalArgumentException("train: every must be a positive number of steps between checkpoints, not "
                    + every);
        }
        if (interval != null && (interval.isNegative() || interval.isZero())) {
            throw new IllegalArgumentException("train: the time between checkpoints must be positive, not " + interval);
        }
        if (clock == null) {
            throw new IllegalArgumentException("train: a checkpoint plan needs a clock (System::nanoTime)");
        }
    }

    /** Checkpoints every {@code every} steps and at the end. */
    public CheckpointPlan(FileAccess files, String path, long every) {
        this(files, path, every, null, System::nanoTime);
    }

    /** Checkpoints every {@code interval} of training time and at the end. */
    public static CheckpointPlan timed(FileAccess files, String path, Duration interval) {
        if (interval == null) {
            throw new IllegalArgumentException("train: a timed checkpoint plan needs the time between checkpoints");
        }
        return new CheckpointPlan(files, path, Long.MAX_VALUE, interval, System::nanoTime);
    }

    /** This plan, timed by {@code nanoTime} instead of the system's clock. */
    public CheckpointPlan withClock(LongSupplier nanoTime) {
        return new CheckpointPlan(files, path, every, interval, nanoTime);
    }

    boolean enabled() {
        return path != null;
    }

    /** A run's timer under this plan, its time counted from now. */
    Timer start() {
        return new Timer(clock.getAsLong());
    }

    /** When one run saves: the plan's counts, and the time since this run last saved. */
    final class Timer {
        private long lastSave;

        private Timer(long start) {
            lastSave = start;
        }

        /** Whether the state after {@code step} steps (1-based) of {@code steps} is saved. */
        boolean savesAfter(long step, long steps) {
            if (!enabled()) {
                return false;
            }
            return step == steps || step % every == 0
                    || interval != null && clock.getAsLong() - lastSave >= interval.toNanos();
        }

        /** The state was just saved: the time to the next checkpoint starts again. */
        void saved() {
            lastSave = clock.getAsLong();
        }
    }
}
