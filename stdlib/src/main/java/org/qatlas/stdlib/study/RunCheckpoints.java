package org.qatlas.stdlib.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.train.CheckpointPlan;
import org.qatlas.stdlib.train.RunSpec;

/**
 * Where the runs of a study keep their checkpoints and how often they write them: one file per
 * run, {@code <folder>/<run id>.ckpt}, rewritten every {@code interval} of training time. A run
 * that stops without finishing (an interruption, kill -9, a power cut) resumes from its file
 * when the same configuration is trained again, to exactly the losses it would have reached;
 * a run that finishes deletes its file once the study has it.
 *
 * @param folder the checkpoints' folder (beside the run store), or null for none
 * @param clock nanoseconds, {@link System#nanoTime()} except in tests
 */
public record RunCheckpoints(Path folder, Duration interval, LongSupplier clock) {
    /** Five minutes: a crash costs at most that much of each run in flight, a checkpoint a few seconds at most. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

    /** No checkpoints: a run that stops starts again from its first step. */
    public static final RunCheckpoints NONE = new RunCheckpoints(null, DEFAULT_INTERVAL, System::nanoTime);

    public RunCheckpoints {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the time between checkpoints must be positive, not " + interval);
        }
        if (clock == null) {
            throw new IllegalArgumentException("checkpoints need a clock (System::nanoTime)");
        }
    }

    /** Checkpoints in {@code folder} every {@link #DEFAULT_INTERVAL}. */
    public static RunCheckpoints in(Path folder) {
        if (folder == null) {
            throw new IllegalArgumentException("name the checkpoints' folder, or use RunCheckpoints.NONE");
        }
        return new RunCheckpoints(folder, DEFAULT_INTERVAL, System::nanoTime);
    }

    /** These checkpoints, written every {@code newInterval} of a run's training time. */
    public RunCheckpoints every(Duration newInterval) {
        return new RunCheckpoints(folder, newInterval, clock);
    }

    /** These checkpoints, timed by {@code nanoTime}. */
    public RunCheckpoints withClock(LongSupplier nanoTime) {
        return new RunCheckpoints(folder, interval, nanoTime);
    }

    /** The checkpoint file of {@code spec}; null without a folder. */
    public Path file(RunSpec spec) {
        return folder == null ? null : folder.resolve(spec.runId() + ".ckpt");
    }

    /** The plan {@code spec} trains under. */
    CheckpointPlan plan(RunSpec spec) {
        if (folder == null) {
            return CheckpointPlan.NONE;
        }
        return CheckpointPlan.timed(FileAccess.local(), file(spec).toString(), interval).withClock(clock);
    }

    /** Removes the checkpoint of {@code spec}; what cannot be removed is reported to {@code listener}. */
    void delete(RunSpec spec, StudyListener listener) {
        if (folder == null) {
            return;
        }
        try {
            Files.deleteIfExists(file(spec));
        } catch (IOException e) {
            listener.warning("study: warning: cannot delete the checkpoint of the finished run " + spec.runId() + " ("
                    + e.getMessage() + "); delete " + file(spec) + " by hand");
        }
    }
}
