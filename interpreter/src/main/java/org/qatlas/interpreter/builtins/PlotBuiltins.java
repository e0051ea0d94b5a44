package org.qatlas.interpreter.builtins;

import org.qatlas.interpreter.QatContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.interpreter.laws.LawArguments;
import org.qatlas.interpreter.laws.LawCalls;
import org.qatlas.interpreter.laws.LawDefinition;
import org.qatlas.interpreter.runtime.QatFunction;
import org.qatlas.stdlib.plot.Chart;
import org.qatlas.stdlib.plot.ChartFiles;
import org.qatlas.stdlib.plot.Figures;
import org.qatlas.stdlib.plot.LawCurve;
import org.qatlas.stdlib.value.Fields;

/**
 * {@code plot(...)}: the three pictures of scaling-law work, chosen by the arguments. A law and
 * rows give predicted against measured (paper A's Figure 5); with {@code x:} they give the
 * law's curves against that variable, one per combination of the other variables, with the
 * measured runs; a function and a range [lo, hi] give one curve.
 */
final class PlotBuiltins {
    private static final int CURVE_POINTS = 200;

    private PlotBuiltins() {
    }

    static void install(Builtins builtins) {
        builtins.addLibrary("plot(what, data, path, x = none, target = none, by = none, title = none, x_label = none, "
                        + "y_label = none)",
                "Draws a chart to path (.svg or .png). plot(law, rows, path): predicted against measured, coloured by "
                        + "`by` (default the law's first variable); plot(law, rows, path, x: \"D\"): the law against x "
                        + "for each combination of its other variables, with the runs; plot(f, [lo, hi], path): one "
                        + "curve. target: the measured field (default: the one the law was fitted to). Returns path.",
                PlotBuiltins::plot);
    }

    private static Object plot(Object[] a) {
        Object what = a[0];
        String path = Fields.string("plot", "path", a[2]);
        String x = a[3] == null ? null : Fields.string("plot", "x", a[3]);
        String title = a[6] == null ? null : Fields.string("plot", "title", a[6]);
        Chart chart;
        if (what instanceof QatFunction function && function.law() != null && !(a[1] instanceof List<?> l && isRange(l))) {
            List<Map<String, Object>> rows = TableBuiltins.rows(a[1], "plot");
            String target = target(function.law(), a[4]);
            chart = x == null
                    ? predictedVsMeasured(function, rows, target, a[5] == null ? function.law().variables().get(0) : Fields.string("plot", "by", a[5]), title)
                    : curves(function, rows, target, x, title);
        } else if (what instanceof QatFunction function) {
            double[] range = LawArguments.pair(a[1], "plot");
            chart = curve(function, range, title);
        } else {
            throw new IllegalArgumentException("plot: needs a law with rows, or a function with a range [lo, hi]");
        }
        chart = chart.withLabels(a[7] == null ? chart.xLabel() : Fields.string("plot", "x_label", a[7]),
                a[8] == null ? chart.yLabel() : Fields.string("plot", "y_label", a[8]));
        ChartFiles.save(chart, path, QatContext.get(null).files());
        return path;
    }

    private static Chart predictedVsMeasured(QatFunction law, List<Map<String, Object>> rows, String target, String by,
            String title) {
        double[] measured = new double[rows.size()];
        double[] predicted = new double[rows.size()];
        String[] groups = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            measured[i] = LawArguments.rowNumber("plot", row, target, i);
            predicted[i] = predict(law, row);
            groups[i] = Figures.label(by, LawArguments.rowNumber("plot", row, by, i));
        }
        LawDefinition definition = law.law();
        double error = definition.fit() == null ? Double.NaN : definition.fit().fit().statistics().meanRelativeError();
        return Figures.predictedVsMeasured(title != null ? title : "law " + definition.name() + ": predicted against measured",
                target, measured, predicted, groups, error);
    }

    /** One curve per combination of the law's other variables, over the measured range of x. */
    private static Chart curves(QatFunction law, List<Map<String, Object>> rows, String target, String x, String title) {
        LawDefinition definition = law.law();
        if (!definition.variables().contains(x)) {
            throw new IllegalArgumentException("plot: x must be one of the law's variables " + definition.variables() + ", not " + x);
        }
        Map<List<Double>, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows.size(); i++) {
            List<Double> key = new ArrayList<>();
            for (String variable : definition.variables()) {
                if (!variable.equals(x)) {
                    key.add(LawArguments.rowNumber("plot", rows.get(i), variable, i));
                }
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(rows.get(i));
            double value = LawArguments.rowNumber("plot", rows.get(i), x, i);
            LawArguments.rowNumber("plot", rows.get(i), target, i); // checked here, where i is the row's index
            lo = Math.min(lo, value);
            hi = Math.max(hi, value);
        }
        if (!(lo < hi)) {
            throw new IllegalArgumentException("plot: the rows' " + x + " does not vary, so there is no curve to draw");
        }
        double[] grid = lo > 0 ? Figures.logSpace(lo, hi, CURVE_POINTS) : linear(lo, hi);
        List<LawCurve> curves = new ArrayList<>();
        for (Map.Entry<List<Double>, List<Map<String, Object>>> group : groups.entrySet()) {
            List<String> labels = new ArrayList<>();
            Map<String, Object> point = new LinkedHashMap<>();
            int k = 0;
            for (String variable : definition.variables()) {
                if (!variable.equals(x)) {
                    double value = group.getKey().get(k++);
                    labels.add(Figures.label(variable, value));
                    point.put(variable, value);
                }
            }
            double[] y = new double[grid.length];
            for (int i = 0; i < grid.length; i++) {
                point.put(x, grid[i]);
                y[i] = predict(law, point);
            }
            List<Map<String, Object>> members = group.getValue();
            double[] mx = new double[members.size()];
            double[] my = new double[members.size()];
            for (int i = 0; i < members.size(); i++) {
                mx[i] = LawArguments.rowNumber("plot", members.get(i), x, i);
                my[i] = LawArguments.rowNumber("plot", members.get(i), target, i);
            }
            curves.add(new LawCurve(String.join(", ", labels), grid, y, mx, my));
        }
        return Figures.lawCurves(title != null ? title : "law " + definition.name() + " against " + x, x, target, curves);
    }

    private static Chart curve(QatFunction function, double[] range, String title) {
        double[] grid = range[0] > 0 ? Figures.logSpace(range[0], range[1], CURVE_POINTS) : linear(range[0], range[1]);
        double[] y = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            y[i] = LawCalls.call(function, null, grid[i]);
        }
        return Figures.curve(title != null ? title : function.name(), "x", function.name(), grid, y);
    }

    private static double predict(QatFunction law, Map<String, Object> row) {
        return LawCalls.at(law, row, null);
    }

    private static String target(LawDefinition law, Object given) {
        if (given != null) {
            return Fields.string("plot", "target", given);
        }
        if (law.fit() != null && law.fit().target() != null) {
            return law.fit().target();
        }
        throw new IllegalArgumentException("plot: say which field holds the measured values with target: \"...\"");
    }

    private static boolean isRange(List<?> list) {
        return list.size() == 2 && list.get(0) instanceof Number && list.get(1) instanceof Number;
    }

    private static double[] linear(double lo, double hi) {
        double[] grid = new double[CURVE_POINTS];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = lo + (hi - lo) * i / (grid.length - 1);
        }
        return grid;
    }
}
