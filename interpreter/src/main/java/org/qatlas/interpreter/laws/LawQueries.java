package org.qatlas.interpreter.laws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.interpreter.builtins.Builtins;
import org.qatlas.interpreter.runtime.QatFunction;
import org.qatlas.stdlib.law.Minimize;
import org.qatlas.stdlib.law.Solve;
import org.qatlas.stdlib.value.Fields;

/**
 * The questions researchers ask of QAT laws (papers A and B). Loss laws of paper B's kind take
 * the variables N (parameters), D (total tokens), B (bits) and f (the QAT share of D), as
 * {@code dremov2025.loss} does; a law without f is taken as fraction-free.
 */
public final class LawQueries {
    /** The QAT share is searched inside (0, 1): the laws' S_fp and S_qat vanish at the ends. */
    private static final double[] FRACTIONS = {0.001, 0.999};
    /** The widths paper B compares. */
    private static final double[] DEFAULT_BITS = {1, 2, 3, 4, 6, 8};

    private LawQueries() {
    }

    public static void install(Builtins builtins) {
        builtins.addLibrary("clock()", "Seconds from an arbitrary moment, for timing parts of a script: clock() - start.",
                a -> System.nanoTime() / 1e9);
        builtins.addLibrary("equivalence(qat, fp, at, vary = \"N\", between = none)",
                "Where a full-precision law matches a QAT law: the value of one variable (vary) at which fp predicts the "
                        + "loss qat predicts at the point at, as { <vary>, ratio, loss } (ratio: that value over at's).",
                a -> equivalence(Laws.law(a[0], "equivalence"), Laws.law(a[1], "equivalence"), point(a[2]), Fields.string("equivalence", "vary", a[3]), a[4]));
        builtins.addLibrary("best_bits(memory, tokens, law, bits = none)",
                "The bit width with the lowest predicted loss when the weights must fit in memory bytes (N = 8 memory / B) "
                        + "and tokens are trained, by a loss law of N, D, B (and f, minimised); bits defaults to [1, 2, 3, 4, 6, 8]. "
                        + "{ bits, params, loss, "
                        + "fraction, table }.",
                a -> bestBits(Fields.number("best_bits", "memory", a[0]), Fields.number("best_bits", "tokens", a[1]),
                        Laws.law(a[2], "best_bits"), a[3] == null ? DEFAULT_BITS : LawArguments.numbers(a[3], "best_bits", "bits")));
        builtins.addLibrary("wasted_tokens(law, params, tokens, bits, fraction)",
                "The tokens a QAT share `fraction` wastes, by a loss law of N, D, B, f: how many fewer tokens at the best "
                        + "share reach the same loss. { tokens, share, optimal_fraction }.",
                a -> wastedTokens(Laws.law(a[0], "wasted_tokens"), Fields.number("wasted_tokens", "params", a[1]),
                        Fields.number("wasted_tokens", "tokens", a[2]), Fields.number("wasted_tokens", "bits", a[3]),
                        Fields.number("wasted_tokens", "fraction", a[4])));
    }

    static Map<String, Object> equivalence(QatFunction qat, QatFunction fp, Map<String, Double> at, String vary, Object between) {
        if (!at.containsKey(vary)) {
            throw new IllegalArgumentException("equivalence: the point has no '" + vary + "' to vary; it has "
                    + String.join(", ", at.keySet()));
        }
        double loss = LawCalls.at(qat, at, null);
        double start = at.get(vary);
        double[] bracket = between == null ? new double[] {start / 1000, start * 1000} : LawArguments.pair(between, "equivalence");
        double value = Solve.root(x -> LawCalls.at(fp, with(at, vary, x), null) - loss, bracket[0], bracket[1]);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(vary, value);
        result.put("ratio", value / start);
        result.put("loss", loss);
        return result;
    }

    static Map<String, Object> bestBits(double memory, double tokens, QatFunction law, double[] bits) {
        List<Object> table = new ArrayList<>();
        Map<String, Object> best = null;
        for (double width : bits) {
            double params = memory * 8 / width;
            Map<String, Double> point = new LinkedHashMap<>(Map.of("N", params, "D", tokens, "B", width));
            double[] fractionAndLoss = bestFraction(law, point);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("bits", width);
            row.put("params", params);
            row.put("loss", fractionAndLoss[1]);
            row.put("fraction", Double.isNaN(fractionAndLoss[0]) ? null : fractionAndLoss[0]);
            table.add(row);
            if (best == null || fractionAndLoss[1] < (Double) best.get("loss")) {
                best = row;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("best_bits: no bit widths to compare");
        }
        Map<String, Object> result = new LinkedHashMap<>(best);
        result.put("table", table);
        return result;
    }

    static Map<String, Object> wastedTokens(QatFunction law, double params, double tokens, double bits, double fraction) {
        if (!law.law().variables().contains("f")) {
            throw new IllegalArgumentException("wasted_tokens: the law needs a variable f (the QAT share of the tokens); "
                    + law.name() + " has " + String.join(", ", law.law().variables()));
        }
        Map<String, Double> point = new LinkedHashMap<>(Map.of("N", params, "D", tokens, "B", bits, "f", fraction));
        double loss = LawCalls.at(law, point, null);
        double[] atBest = bestFraction(law, with(point, "D", tokens));
        double needed;
        if (atBest[1] >= loss) {
            needed = tokens; // the given share is already the best one
        } else {
            needed = Solve.root(d -> bestFraction(law, with(point, "D", d))[1] - loss, tokens / 100, tokens);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tokens", tokens - needed);
        result.put("share", (tokens - needed) / tokens);
        result.put("optimal_fraction", atBest[0]);
        return result;
    }

    /** {best f, loss at it}, or {nan, loss} for a law without f. */
    private static double[] bestFraction(QatFunction law, Map<String, Double> point) {
        if (!law.law().variables().contains("f")) {
            return new double[] {Double.NaN, LawCalls.at(law, point, null)};
        }
        var minimum = Minimize.scalar(f -> LawCalls.at(law, with(point, "f", f), null), FRACTIONS[0], FRACTIONS[1], false);
        return new double[] {minimum.x(), minimum.value()};
    }

    private static Map<String, Double> with(Map<String, Double> point, String name, double value) {
        Map<String, Double> copy = new LinkedHashMap<>(point);
        copy.put(name, value);
        return copy;
    }

    private static Map<String, Double> point(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("equivalence: at must be a record such as { N: 595M, D: 100B, G: 128 }");
        }
        Map<String, Double> point = new LinkedHashMap<>();
        map.forEach((name, v) -> point.put((String) name, Fields.number("equivalence", "at." + name, v)));
        return point;
    }
}
