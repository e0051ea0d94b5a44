package org.qatlas.interpreter.fitting;

import org.qatlas.interpreter.laws.LawDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.law.FitOptions;
import org.qatlas.stdlib.law.Objective;
import org.qatlas.stdlib.value.Fields;

/**
 * Turns the arguments of {@code fit(...)} into what the fitter takes: the rows as a matrix of
 * the law's variables, the targets, and the options. Every mistake is reported with the row
 * and field it is in.
 */
public final class FitArguments {
    final double[][] variables;
    final double[] targets;
    final String target;

    private FitArguments(double[][] variables, double[] targets, String target) {
        this.variables = variables;
        this.targets = targets;
        this.target = target;
    }

    public static FitArguments of(LawDefinition law, List<Map<String, Object>> rows, Object target) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("fit: there are no rows to fit " + law.name() + " to");
        }
        String targetName = target == null ? inferTarget(law, rows.get(0)) : Fields.string("fit", "target", target);
        double[][] variables = new double[rows.size()][];
        double[] targets = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            variables[i] = new double[law.variableCount()];
            for (int v = 0; v < law.variableCount(); v++) {
                variables[i][v] = Fields.rowNumber("fit", row, law.variables().get(v), i);
            }
            targets[i] = Fields.rowNumber("fit", row, targetName, i);
        }
        return new FitArguments(variables, targets, targetName);
    }

    /** Without target:, the one numeric field that is not a variable of the law. */
    private static String inferTarget(LawDefinition law, Map<String, Object> row) {
        List<String> candidates = new ArrayList<>();
        row.forEach((name, value) -> {
            if (value instanceof Number && !law.variables().contains(name)) {
                candidates.add(name);
            }
        });
        if (candidates.size() != 1) {
            throw new IllegalArgumentException("fit: say which field to fit with target: \"...\" (the rows' fields besides "
                    + String.join(", ", law.variables()) + " are " + (candidates.isEmpty() ? "none" : String.join(", ", candidates))
                    + ")");
        }
        return candidates.get(0);
    }

    public static FitOptions options(Object loss, Object delta, Object starts, Object bootstrap, Object confidence, Object seed) {
        FitOptions options = FitOptions.defaults()
                .withObjective(objective(Fields.string("fit", "loss", loss)))
                .withHuberDelta(Fields.number("fit", "delta", delta))
                .withBootstrap(count(bootstrap, "bootstrap"))
                .withConfidence(Fields.number("fit", "confidence", confidence))
                .withSeed(Fields.wholeNumber("fit", "seed", seed));
        if (starts instanceof Number count) {
            options = options.withMaxStarts(count(count, "starts"));
        } else if (starts instanceof Map<?, ?> grid) {
            Map<String, double[]> values = new LinkedHashMap<>();
            grid.forEach((name, list) -> values.put((String) name, LawArguments.numbers(list, "fit", "starts." + name)));
            options = options.withStartGrid(values);
        } else if (starts != null) {
            throw new IllegalArgumentException("fit: starts must be a count or a record of start values per parameter, "
                    + "such as { k: [0.01, 0.1, 1] }");
        }
        return options;
    }

    private static Objective objective(String name) {
        return switch (name) {
            case "huber" -> Objective.HUBER_LOG;
            case "ls", "least_squares" -> Objective.LEAST_SQUARES;
            default -> throw new IllegalArgumentException("fit: loss must be \"huber\" (Huber on log residuals) or \"ls\" "
                    + "(least squares), not \"" + name + "\"");
        };
    }

    /** A whole number that fits an int (a count of starts or refits; the options check its range). */
    private static int count(Object value, String what) {
        long n = Fields.wholeNumber("fit", what, value);
        if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
            throw new IllegalArgumentException("fit: " + what + " is too large: " + n);
        }
        return (int) n;
    }
}
