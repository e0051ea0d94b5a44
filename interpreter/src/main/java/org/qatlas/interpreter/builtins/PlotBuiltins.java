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
        builtins.add("plot(what, data, path, x = none, target = none, by = none, title = none, x_label = none, "
                        + "y_label = none)",
                "Draws a chart to path (.svg or .png). plot(law, rows, path): predicted against measured, coloured by "
                        + "`by` (default the law's first variable); plot(law, rows, path, x: \"D\"): the law against x "
                        + "for each combination of its other variables, with the runs; plot(f, [lo, hi], path): one "
                        + "curve. target: the measured field (default: the one the law was fitted to). Returns path.",
                PlotBuiltins::plot);
    }

    private static Object plot(Call call) {
        Object what = call.get("what");
        Object data = call.get("data");
        String path = call.string("path");
        String x = call.optionalString("x");
        String title = call.optionalString("title");
        Chart chart;
        if (what instanceof QatFunction function && function.law() != null && !(data instanceof List<?> l && isRange(l))) {
            List<Map<String, Object>> rows = TableBuiltins.rows(data, "plot");
            LawDefinition definition = function.law();
            String target = target(definition, call.get("target"));
            Law law = new InterpretedLaw(function, null);
            if (x == null) {
                String by = call.isNone("by") ? definition.variables().get(0) : call.string("by");
                double error = definition.fit() == null ? Double.NaN : definition.fit().fit().statistics().meanRelativeError();
                chart = LawCharts.predictedVsMeasured(law, rows, target, by, title, error);
            } else {
                chart = LawCharts.curves(law, rows, target, x, title);
            }
        } else if (what instanceof QatFunction function) {
            double[] range = LawArguments.pair(data, "plot");
            chart = LawCharts.curve(value -> LawCalls.call(function, null, value), function.name(), range[0], range[1], title);
        } else {
            throw new IllegalArgumentException("plot: needs a law with rows, or a function with a range [lo, hi]");
        }
        chart = chart.withLabels(call.isNone("x_label") ? chart.xLabel() : call.string("x_label"),
                call.isNone("y_label") ? chart.yLabel() : call.string("y_label"));
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
