package org.qatlas.stdlib.law;

/**
 * How well a law fits, and how the fit went.
 *
 * @param rows the number of data rows
 * @param meanRelativeError the mean over rows of {@code |pred - y| / |y|} (paper A's Table 2
 *     measure; 0.047 means 4.7%)
 * @param rSquared {@code 1 - SS_residual / SS_total} on the targets' own scale (NaN if all
 *     targets are equal)
 * @param objective the minimised objective at the fit: the sum of Huber losses of the log
 *     residuals, or the sum of squared residuals
 * @param objectiveKind which objective that is
 * @param huberDelta the Huber delta used (also recorded under least squares, where it is unused)
 * @param converged whether the optimiser converged from the best start
 * @param starts how many starts were tried
 * @param startsConverged how many of them converged within their evaluation cap (to 1e-6
 *     relative). Under the Huber objective the starts are screened with least squares on the
 *     log residuals, and the best four are then fitted with the Huber loss to 1e-10
 * @param startsAtBest how many of them ended, within their cap, no more than 1% above the best
 *     start's screening objective: how many found the best optimum (few means it is hard to find)
 * @param bootstrapRequested how many bootstrap refits were asked for
 * @param bootstrapSucceeded how many of them converged and count in the intervals
 * @param confidence the coverage of the intervals
 * @param lawEvaluations how many times the law was evaluated at one row, in all
 */
public record FitStatistics(int rows, double meanRelativeError, double rSquared, double objective,
        Objective objectiveKind, double huberDelta, boolean converged, int starts, int startsConverged, int startsAtBest,
        int bootstrapRequested, int bootstrapSucceeded, double confidence, long lawEvaluations) {
}
