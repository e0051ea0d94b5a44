package org.qatlas.interpreter.builtins;

import java.util.List;
import java.util.Map;
import org.qatlas.interpreter.QatContext;
import org.qatlas.interpreter.fitting.InterpretedLaw;
import org.qatlas.interpreter.fitting.LawArguments;
import org.qatlas.interpreter.runtime.LawCalls;
import org.qatlas.interpreter.laws.LawDefinition;
import org.qatlas.interpreter.runtime.QatFunction;
import org.qatlas.stdlib.plot.Chart;
import org.qatlas.stdlib.plot.ChartFiles;
import org.qatlas.stdlib.law.Law;
import org.qatlas.stdlib.plot.LawCharts;
import org.qatlas.stdlib.value.Fields;

/**
 * {@code plot(...)}: the three pictures of scaling-law work, chosen by the arguments. A law and
 * rows give predicted against measured (paper A's Figure 5); with {@code x:} they give the
 * law's curves against that variable, one per combination of the other variables, with the
 * measured runs; a function and a range [lo, hi] give one curve.
 */
final class PlotBuiltins {
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
            LawDefinition definition = function.law();
            String target = target(definition, a[4]);
            Law law = new InterpretedLaw(function, null);
            if (x == null) {
                String by = a[5] == null ? definition.variables().get(0) : Fields.string("plot", "by", a[5]);
                double error = definition.fit() == null ? Double.NaN : definition.fit().fit().statistics().meanRelativeError();
                chart = LawCharts.predictedVsMeasured(law, rows, target, by, title, error);
            } else {
                chart = LawCharts.curves(law, rows, target, x, title);
            }
        } else if (what instanceof QatFunction function) {
            double[] range = LawArguments.pair(a[1], "plot");
            chart = LawCharts.curve(value -> LawCalls.call(function, null, value), function.name(), range[0], range[1], title);
        } else {
            throw new IllegalArgumentException("plot: needs a law with rows, or a function with a range [lo, hi]");
        }
        chart = chart.withLabels(a[7] == null ? chart.xLabel() : Fields.string("plot", "x_label", a[7]),
                a[8] == null ? chart.yLabel() : Fields.string("plot", "y_label", a[8]));
        ChartFiles.save(chart, path, QatContext.get(null).files());
        return path;
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
}
