package org.qatlas.interpreter.runtime;

import org.qatlas.interpreter.laws.LawDefinition;
import org.qatlas.interpreter.laws.FitSummary;
import org.qatlas.stdlib.law.FitStatistics;
import java.util.function.IntFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.law.Interval;

/**
 * The fields a law shows: what it is (name, variables, params) and, once fitted, how well it
 * fits (intervals, rel_error, r2, rows, ...).
 */
public final class LawFields {
    private static final List<String> DECLARED = List.of("name", "variables", "params", "bounds");
    private static final List<String> FITTED = List.of("target", "intervals", "confidence", "rel_error", "r2", "rows",
            "objective", "converged", "warnings");

    private LawFields() {
    }

    public static List<String> names(LawDefinition law) {
        List<String> names = new ArrayList<>(DECLARED);
        if (law.fit() != null) {
            names.addAll(FITTED);
        }
        return names;
    }

    /** The field's value, or null when the law has no such field. */
    public static Object field(LawDefinition law, String name) {
        FitSummary fit = law.fit();
        switch (name) {
            case "name":
                return law.name();
            case "variables":
                return new QatList(law.variables().toArray());
            case "params":
                return perParameter(law, i -> law.values()[i]);
            case "bounds":
                return perParameter(law, i -> law.parameters().get(i).lowerBound());
            default:
                break;
        }
        if (fit == null) {
            return null;
        }
        FitStatistics statistics = fit.fit().statistics();
        return switch (name) {
            case "target" -> fit.target() == null ? QatNone.INSTANCE : fit.target();
            case "intervals" -> perParameter(law, i -> interval(fit.fit().intervals().get(i)));
            case "confidence" -> statistics.confidence();
            case "rel_error" -> statistics.meanRelativeError();
            case "r2" -> statistics.rSquared();
            case "rows" -> (long) statistics.rows();
            case "objective" -> statistics.objective();
            case "converged" -> statistics.converged();
            case "warnings" -> new QatList(fit.fit().warnings().toArray());
            default -> null;
        };
    }

    private static Object interval(Interval interval) {
        return interval.known() ? new QatList(new Object[] {interval.low(), interval.high()}) : QatNone.INSTANCE;
    }

    private static QatRecord perParameter(LawDefinition law, IntFunction<Object> value) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < law.parameterCount(); i++) {
            fields.put(law.parameters().get(i).name(), value.apply(i));
        }
        return QatRecord.of(fields);
    }
}
