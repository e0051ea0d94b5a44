package org.qatlas.interpreter.builtins;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.interpreter.fitting.FitArguments;
import org.qatlas.interpreter.fitting.InterpretedLaw;
import org.qatlas.interpreter.fitting.LawArguments;
import org.qatlas.interpreter.runtime.LawCalls;
import org.qatlas.interpreter.fitting.Laws;
import org.qatlas.interpreter.runtime.QatFunction;
import org.qatlas.stdlib.law.Minimize;
import org.qatlas.stdlib.law.Minimum;
import org.qatlas.stdlib.law.Solve;

/** The built-ins that turn runs into laws and laws into answers: fit, solve, minimize and the queries. */
final class LawBuiltins {
    private LawBuiltins() {
    }

    static void install(Builtins builtins) {
        builtins.add("fit(law, rows, target = none, loss = \"huber\", delta = 0.001, starts = none, bootstrap = 200, "
                        + "confidence = 0.95, seed = 1)",
                "Fits a law's parameters to rows (a list of records, or a CSV/JSON file) and returns the fitted law, with "
                        + "bootstrap intervals and the mean relative error. loss: \"huber\" (Huber on log residuals, as "
                        + "Chinchilla) or \"ls\"; starts: a record of start values per parameter, or a count.",
                call -> {
                    QatFunction law = Laws.law(call.get("law"), "fit");
                    List<Map<String, Object>> rows = TableBuiltins.rows(call.get("rows"), "fit");
                    return Laws.fit(law, FitArguments.of(law.law(), rows, call.get("target")), FitArguments.options(call.get("loss"),
                            call.get("delta"), call.get("starts"), call.get("bootstrap"), call.get("confidence"), call.get("seed")));
                });
        builtins.add("solve(f, between)",
                "A root of the one-argument function f, searched from the bracket between = [lo, hi] (widened when f does "
                        + "not change sign in it; geometrically for positive brackets).",
                call -> {
                    QatFunction f = LawArguments.function(call.get("f"), "solve");
                    double[] bracket = LawArguments.pair(call.get("between"), "solve");
                    try {
                        return Solve.root(x -> LawCalls.call(f, null, x), bracket[0], bracket[1]);
                    } catch (IllegalStateException e) {
                        throw new IllegalArgumentException("solve: " + e.getMessage(), e);
                    }
                });
        builtins.add("minimize(f, between, log = false)",
                "The minimum of f within bounds, as { x, value }: between = [lo, hi] for a function of one number, or "
                        + "[[lo, hi], [lo, hi], ...] for a function of several (x is then a list). log: search on a log scale.",
                call -> minimize(LawArguments.function(call.get("f"), "minimize"), call.get("between"), call.get("log")));
        builtins.add("gradient(law, point)",
                "The exact derivatives of a law with respect to each of its parameters at a point (a record of its "
                        + "variables), as a record: how sensitive the prediction is to each constant.",
                call -> gradient(Laws.law(call.get("law"), "gradient"), call.get("point")));
        LawQueryBuiltins.install(builtins);
    }

    private static Map<String, Object> gradient(QatFunction law, Object point) {
        if (!(point instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException("gradient: the point must be a record of the law's variables, such as "
                    + "{ N: 595M, D: 100B, G: 128 }");
        }
        var definition = law.law();
        double[] variables = new double[definition.variableCount()];
        for (int i = 0; i < variables.length; i++) {
            String name = definition.variables().get(i);
            if (!(fields.get(name) instanceof Number number)) {
                throw new IllegalArgumentException("gradient: the point needs a number '" + name + "'");
            }
            variables[i] = number.doubleValue();
        }
        double[] derivatives = new double[definition.parameterCount()];
        new InterpretedLaw(law, null).evaluate(variables, definition.values(), derivatives);
        Map<String, Object> result = new LinkedHashMap<>();
        for (int j = 0; j < derivatives.length; j++) {
            result.put(definition.parameters().get(j).name(), derivatives[j]);
        }
        return result;
    }

    private static Object minimize(QatFunction f, Object between, Object log) {
        boolean logScale = Boolean.TRUE.equals(log);
        if (between instanceof List<?> bounds && !bounds.isEmpty() && bounds.get(0) instanceof List<?>) {
            double[] lower = new double[bounds.size()];
            double[] upper = new double[bounds.size()];
            boolean[] logs = new boolean[bounds.size()];
            for (int i = 0; i < lower.length; i++) {
                double[] range = LawArguments.pair(bounds.get(i), "minimize");
                lower[i] = range[0];
                upper[i] = range[1];
                logs[i] = logScale;
            }
            Minimum minimum = Minimize.bounded(x -> LawCalls.call(f, null, boxed(x)), lower, upper, logs);
            return result(minimum.argmin(), minimum.value());
        }
        double[] range = LawArguments.pair(between, "minimize");
        Minimum minimum = Minimize.scalar(x -> LawCalls.call(f, null, x), range[0], range[1], logScale);
        return result(minimum.x(), minimum.value());
    }

    private static Map<String, Object> result(Object x, double value) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("x", x);
        result.put("value", value);
        return result;
    }

    private static Object[] boxed(double[] values) {
        Object[] boxed = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
