package org.qatlas.interpreter.builtins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.interpreter.fitting.InterpretedLaw;
import org.qatlas.interpreter.fitting.LawArguments;
import org.qatlas.interpreter.fitting.Laws;
import org.qatlas.interpreter.runtime.QatFunction;
import org.qatlas.stdlib.law.Law;
import org.qatlas.stdlib.law.Queries;
import org.qatlas.stdlib.value.Fields;

/** The built-ins that ask questions of laws; the mathematics is in {@link Queries}. */
final class LawQueryBuiltins {
    /** The widths paper B compares. */
    private static final double[] DEFAULT_BITS = {1, 2, 3, 4, 6, 8};

    private LawQueryBuiltins() {
    }

    public static void install(Builtins builtins) {
        builtins.add("clock()", "Seconds from an arbitrary moment, for timing parts of a script: clock() - start.",
                call -> System.nanoTime() / 1e9);
        builtins.add("equivalence(qat, fp, at, vary = \"N\", between = none)",
                "Where a full-precision law matches a QAT law: the value of one variable (vary) at which fp predicts the "
                        + "loss qat predicts at the point at, as { <vary>, ratio, loss } (ratio: that value over at's).",
                call -> equivalence(Laws.law(call.get("qat"), "equivalence"), Laws.law(call.get("fp"), "equivalence"),
                        point(call.get("at")), call.string("vary"), call.get("between")));
        builtins.add("best_bits(memory, tokens, law, bits = none)",
                "The bit width with the lowest predicted loss when the weights must fit in memory bytes (N = 8 memory / B) "
                        + "and tokens are trained, by a loss law of N, D, B (and f, minimised); bits defaults to [1, 2, 3, 4, 6, 8]. "
                        + "{ bits, params, loss, "
                        + "fraction, table }.",
                call -> bestBits(call.number("memory"), call.number("tokens"), law(call.get("law"), "best_bits"),
                        call.isNone("bits") ? DEFAULT_BITS : LawArguments.numbers(call.get("bits"), "best_bits", "bits")));
        builtins.add("wasted_tokens(law, params, tokens, bits, fraction)",
                "The tokens a QAT share `fraction` wastes, by a loss law of N, D, B, f: how many fewer tokens at the best "
                        + "share reach the same loss. { tokens, share, optimal_fraction }.",
                call -> wastedTokens(law(call.get("law"), "wasted_tokens"), call.number("params"), call.number("tokens"),
                        call.number("bits"), call.number("fraction")));
    }

    private static Law law(Object value, String builtin) {
        return new InterpretedLaw(Laws.law(value, builtin), null);
    }

    private static Map<String, Object> equivalence(QatFunction qat, QatFunction fp, Map<String, Double> at, String vary,
            Object between) {
        Queries.Equivalence found = Queries.equivalence(new InterpretedLaw(qat, null), new InterpretedLaw(fp, null), at, vary,
                between == null ? null : LawArguments.pair(between, "equivalence"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(vary, found.value());
        result.put("ratio", found.ratio());
        result.put("loss", found.loss());
        return result;
    }

    private static Map<String, Object> bestBits(double memory, double tokens, Law law, double[] bits) {
        List<Object> table = new ArrayList<>();
        List<Queries.BitWidth> widths = Queries.bitWidths(law, memory, tokens, bits);
        for (Queries.BitWidth width : widths) {
            table.add(row(width));
        }
        Map<String, Object> result = row(Queries.best(widths));
        result.put("table", table);
        return result;
    }

    private static Map<String, Object> row(Queries.BitWidth width) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("bits", width.bits());
        row.put("params", width.params());
        row.put("loss", width.loss());
        row.put("fraction", Double.isNaN(width.fraction()) ? null : width.fraction());
        return row;
    }

    private static Map<String, Object> wastedTokens(Law law, double params, double tokens, double bits, double fraction) {
        Queries.WastedTokens wasted = Queries.wastedTokens(law, params, tokens, bits, fraction);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tokens", wasted.tokens());
        result.put("share", wasted.share());
        result.put("optimal_fraction", wasted.optimalFraction());
        return result;
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
