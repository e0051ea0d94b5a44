package org.qatlas.stdlib.train;

/** A run that could not go on: the loss became nan or exploded. The message names the step. */
public final class TrainingStopped extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public TrainingStopped(String message) {
        super(message);
    }
}
