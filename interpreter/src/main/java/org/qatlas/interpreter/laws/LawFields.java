package org.qatlas.interpreter.laws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.interpreter.runtime.QatList;
import org.qatlas.interpreter.runtime.QatRecord;

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
        return switch (name) {
            case "target" -> fit.target();
            case "intervals" -> perParameter(law, i -> new QatList(new Object[] {fit.intervals()[i][0], fit.intervals()[i][1]}));
            case "confidence" -> fit.confidence();
            case "rel_error" -> fit.relativeError();
            case "r2" -> fit.rSquared();
            case "rows" -> (long) fit.rows();
            case "objective" -> fit.objective();
            case "converged" -> fit.converged();
            case "warnings" -> new QatList(fit.warnings().toArray());
            default -> null;
        };
    }

    private static QatRecord perParameter(LawDefinition law, java.util.function.IntFunction<Object> value) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < law.parameterCount(); i++) {
            fields.put(law.parameters().get(i).name(), value.apply(i));
        }
        return QatRecord.of(fields);
    }
}
