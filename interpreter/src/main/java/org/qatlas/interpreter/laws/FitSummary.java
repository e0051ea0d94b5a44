package org.qatlas.interpreter.laws;

import java.util.List;

/**
 * What a fit says about a fitted law's values, kept with the law so that it can be printed,
 * read as fields and saved.
 *
 * @param target the field of the rows the law was fitted to ("delta", "loss")
 * @param intervals per parameter, the confidence interval {low, high}
 * @param confidence the intervals' level, such as 0.95
 * @param report the fit's report as a table, as {@code print(fitted)} shows it
 */
public record FitSummary(String target, double[][] intervals, double confidence, double relativeError,
        double rSquared, int rows, double objective, boolean converged, List<String> warnings, String report) {
    public FitSummary {
        warnings = List.copyOf(warnings);
    }
}
