package org.qatlas.interpreter.laws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.law.FitOptions;
import org.qatlas.stdlib.law.Objective;

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
        String targetName = target == null ? inferTarget(law, rows.get(0)) : text(target, "target");
        double[][] variables = new double[rows.size()][];
        double[] targets = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            variables[i] = new double[law.variableCount()];
            for (int v = 0; v < law.variableCount(); v++) {
                variables[i][v] = number(row, law.variables().get(v), i);
            }
            targets[i] = number(row, targetName, i);
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

    private static double number(Map<String, Object> row, String field, int index) {
        if (!row.containsKey(field)) {
            throw new IllegalArgumentException("fit: row " + index + " has no field '" + field + "'; its fields are "
                    + String.join(", ", row.keySet()));
        }
        Object value = row.get(field);
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("fit: row " + index + " field '" + field + "' must be a number, not " + value);
        }
        return number.doubleValue();
    }

    public static FitOptions options(Object loss, Object delta, Object starts, Object bootstrap, Object confidence, Object seed) {
        FitOptions options = FitOptions.defaults()
                .withObjective(objective(text(loss, "loss")))
                .withHuberDelta(((Number) delta).doubleValue())
                .withBootstrap(whole(bootstrap, "bootstrap"))
                .withConfidence(((Number) confidence).doubleValue())
                .withSeed(whole(seed, "seed"));
        if (starts instanceof Number count) {
            options = options.withMaxStarts(whole(count, "starts"));
        } else if (starts instanceof Map<?, ?> grid) {
            Map<String, double[]> values = new LinkedHashMap<>();
            grid.forEach((name, list) -> values.put((String) name, numbers(list, "starts." + name)));
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

    private static double[] numbers(Object list, String what) {
        if (!(list instanceof List<?> values) || values.isEmpty()) {
            throw new IllegalArgumentException("fit: " + what + " must be a list of numbers");
        }
        double[] result = new double[values.size()];
        for (int i = 0; i < result.length; i++) {
            if (!(values.get(i) instanceof Number number)) {
                throw new IllegalArgumentException("fit: " + what + " must be a list of numbers, not " + values);
            }
            result[i] = number.doubleValue();
        }
        return result;
    }

    private static int whole(Object value, String what) {
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw new IllegalArgumentException("fit: " + what + " must be a whole number, not " + value);
        }
        return (int) number.longValue();
    }

    private static String text(Object value, String what) {
        if (!(value instanceof String string)) {
            throw new IllegalArgumentException("fit: " + what + " must be a string, not " + value);
        }
        return string;
    }
}
