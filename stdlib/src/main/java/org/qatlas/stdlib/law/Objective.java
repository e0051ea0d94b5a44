package org.qatlas.stdlib.law;

/** What the fitter minimises, summed over the rows (not averaged). */
public enum Objective {
    /**
     * Huber loss on log residuals {@code log(prediction) - log(target)}, as Chinchilla
     * (Hoffmann et al. 2022, approach 3) and its Epoch replication (Besiroglu et al. 2024) fit
     * their laws: quadratic for small residuals, linear beyond {@code huberDelta}, so a few
     * gross outliers barely move the fit. Needs positive targets.
     */
    HUBER_LOG,
    /** Plain least squares on the targets themselves: the sum of {@code (prediction - target)^2}. */
    LEAST_SQUARES
}
