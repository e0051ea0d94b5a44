package org.qatlas.stdlib.train;

/**
 * Why a run of a study did not finish: its loss became nan or exploded, or an error stopped
 * it. The study goes on without it; the store keeps it as failed.
 *
 * @param step the step (1-based) at which it stopped, or 0 when it did not start training
 * @param reason one line saying what happened, as a user reads it
 */
public record RunFailure(long step, String reason) {
}
