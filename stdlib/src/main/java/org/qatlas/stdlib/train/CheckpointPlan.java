package org.qatlas.stdlib.train;

import org.qatlas.stdlib.io.FileAccess;

/**
 * Where and how often a run saves its state: every {@code every} steps and at the end, to
 * {@code path} in {@code files}. A run that finds a checkpoint of its own configuration there
 * resumes from it.
 *
 * @param path the checkpoint file, or null for none
 * @param every steps between checkpoints (Long.MAX_VALUE: only at the end)
 */
public record CheckpointPlan(FileAccess files, String path, long every) {
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
    }

    boolean enabled() {
        return path != null;
    }

    /** Whether the state after {@code step} steps (1-based) of {@code steps} is saved. */
    boolean savesAfter(long step, long steps) {
        return enabled() && (step == steps || step % every == 0);
    }
}
