package org.qatlas.stdlib.law;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The plain-text report of a fit, for a terminal: one aligned line per parameter with its value
 * and interval, then the fit's statistics and warnings. Numbers have four significant digits.
 */
final class FitTable {
    private FitTable() {
    }

    static String of(Fit fit) {
        Law law = fit.law();
        FitStatistics s = fit.statistics();
        StringBuilder out = new StringBuilder();
        out.append("law ").append(law.name()).append('(').append(String.join(", ", law.variables())).append("), ")
                .append(s.objectiveKind() == Objective.HUBER_LOG
                        ? "Huber loss (delta " + SignificantDigits.compact(s.huberDelta()) + ") on log residuals"
                        : "least squares")
                .append('\n');

        List<String[]> cells = new ArrayList<>();
        String intervalHeader = Math.round(100 * s.confidence() * 10) / 10.0 + "% interval";
        intervalHeader = intervalHeader.replace(".0%", "%");
        cells.add(new String[] {"parameter", "value", intervalHeader});
        double[] values = fit.values();
        for (int j = 0; j < values.length; j++) {
            Interval interval = fit.intervals().get(j);
            String range = interval.known()
                    ? "[" + SignificantDigits.four(interval.low()) + ", " + SignificantDigits.four(interval.high()) + "]"
                    : "-";
            cells.add(new String[] {law.parameters().get(j).name(), SignificantDigits.four(values[j]), range});
        }
        int nameWidth = 0;
        int valueWidth = 0;
        for (String[] row : cells) {
            nameWidth = Math.max(nameWidth, row[0].length());
            valueWidth = Math.max(valueWidth, row[1].length());
        }
        for (String[] row : cells) {
            out.append(String.format(Locale.ROOT, "  %-" + nameWidth + "s  %" + valueWidth + "s  %s%n", row[0], row[1],
                    row[2]));
        }

        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"rows", Integer.toString(s.rows())});
        facts.add(new String[] {"mean relative error", Double.isNaN(s.meanRelativeError()) ? "-"
                : SignificantDigits.four(100 * s.meanRelativeError()) + "%"});
        facts.add(new String[] {"R^2", SignificantDigits.four(s.rSquared())});
        facts.add(new String[] {"objective", SignificantDigits.four(s.objective())});
        facts.add(new String[] {"starts", s.starts() + " (" + s.startsConverged() + " converged, " + s.startsAtBest()
                + " reached the best fit" + (s.converged() ? "" : "; the best did not converge") + ")"});
        facts.add(new String[] {"bootstrap refits", s.bootstrapRequested() == 0 ? "none"
                : s.bootstrapRequested() + " (" + s.bootstrapSucceeded() + " converged)"});
        int factWidth = 0;
        for (String[] fact : facts) {
            factWidth = Math.max(factWidth, fact[0].length());
        }
        for (String[] fact : facts) {
            out.append(String.format(Locale.ROOT, "  %-" + factWidth + "s  %s%n", fact[0], fact[1]));
        }
        if (fit.warnings().isEmpty()) {
            out.append(String.format(Locale.ROOT, "  %-" + factWidth + "s  %s%n", "warnings", "none"));
        } else {
            out.append("  warnings:\n");
            for (String warning : fit.warnings()) {
                out.append("  - ").append(warning).append('\n');
            }
        }
        return out.toString();
    }
}
