package org.qatlas.stdlib.train;

/** A run that could not go on: the loss became nan or exploded. The message names the step. */
public final class TrainingStopped extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final long step;

    /** @param step the step (1-based) whose loss stopped the run */
    public TrainingStopped(String message, long step) {
        super(message);
        this.step = step;
    }

    /** The step (1-based) whose loss stopped the run. */
    public long step() {
        return step;
    }
}
