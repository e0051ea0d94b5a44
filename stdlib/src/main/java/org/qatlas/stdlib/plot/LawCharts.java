package org.qatlas.stdlib.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.qatlas.stdlib.law.Law;
import org.qatlas.stdlib.law.Queries;
import org.qatlas.stdlib.value.Fields;

/**
 * The charts of a law against measured rows, as paper A draws them: predicted against
 * measured, and the law against one variable with one curve per combination of the others.
 * Rows are tables of runs (a map per row); a row that lacks a field or holds a non-number is an
 * error naming the row.
 */
public final class LawCharts {
    private static final int CURVE_POINTS = 200;

    private LawCharts() {
    }

    /**
     * @param by the field that colours the points
     * @param meanRelativeError shown as the subtitle; NaN for none
     */
    public static Chart predictedVsMeasured(Law law, List<Map<String, Object>> rows, String target, String by, String title,
            double meanRelativeError) {
        double[] measured = new double[rows.size()];
        double[] predicted = new double[rows.size()];
        String[] groups = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            measured[i] = Fields.rowNumber("plot", row, target, i);
            predicted[i] = Queries.at(law, variables(law, row, i));
            groups[i] = Figures.label(by, Fields.rowNumber("plot", row, by, i));
        }
        return Figures.predictedVsMeasured(title != null ? title : "law " + law.name() + ": predicted against measured",
                target, measured, predicted, groups, meanRelativeError);
    }

    /** One curve per combination of the law's other variables, over the measured range of x, with the rows as markers. */
    public static Chart curves(Law law, List<Map<String, Object>> rows, String target, String x, String title) {
        if (!law.variables().contains(x)) {
            throw new IllegalArgumentException("plot: x must be one of the law's variables " + law.variables() + ", not " + x);
        }
        Map<Map<String, Double>, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Double> others = variables(law, rows.get(i), i);
            double value = others.remove(x);
            Fields.rowNumber("plot", rows.get(i), target, i); // checked here, where i is the row's index
            groups.computeIfAbsent(others, k -> new ArrayList<>()).add(rows.get(i));
            lo = Math.min(lo, value);
            hi = Math.max(hi, value);
        }
        if (!(lo < hi)) {
            throw new IllegalArgumentException("plot: the rows' " + x + " does not vary, so there is no curve to draw");
        }
        double[] grid = grid(lo, hi);
        List<LawCurve> curves = new ArrayList<>();
        for (Map.Entry<Map<String, Double>, List<Map<String, Object>>> group : groups.entrySet()) {
            List<String> labels = new ArrayList<>();
            group.getKey().forEach((variable, value) -> labels.add(Figures.label(variable, value)));
            Map<String, Double> point = new LinkedHashMap<>(group.getKey());
            double[] y = new double[grid.length];
            for (int i = 0; i < grid.length; i++) {
                point.put(x, grid[i]);
                y[i] = Queries.at(law, point);
            }
            List<Map<String, Object>> members = group.getValue();
            double[] mx = new double[members.size()];
            double[] my = new double[members.size()];
            for (int i = 0; i < members.size(); i++) {
                mx[i] = Fields.rowNumber("plot", members.get(i), x, i);
                my[i] = Fields.rowNumber("plot", members.get(i), target, i);
            }
            curves.add(new LawCurve(String.join(", ", labels), grid, y, mx, my));
        }
        return Figures.lawCurves(title != null ? title : "law " + law.name() + " against " + x, x, target, curves);
    }

    /** One function over [lo, hi]: log-spaced points for a positive range, else evenly spaced. */
    public static Chart curve(DoubleUnaryOperator function, String name, double lo, double hi, String title) {
        double[] grid = grid(lo, hi);
        double[] y = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            y[i] = function.applyAsDouble(grid[i]);
        }
        return Figures.curve(title != null ? title : name, "x", name, grid, y);
    }

    /** The law's variables in one row, in the law's order. */
    private static Map<String, Double> variables(Law law, Map<String, Object> row, int index) {
        Map<String, Double> point = new LinkedHashMap<>();
        for (String variable : law.variables()) {
            point.put(variable, Fields.rowNumber("plot", row, variable, index));
        }
        return point;
    }

    private static double[] grid(double lo, double hi) {
        if (lo > 0) {
            return Figures.logSpace(lo, hi, CURVE_POINTS);
        }
        double[] grid = new double[CURVE_POINTS];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = lo + (hi - lo) * i / (grid.length - 1);
        }
        return grid;
    }
}
