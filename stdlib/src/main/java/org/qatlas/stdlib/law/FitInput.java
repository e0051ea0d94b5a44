package org.qatlas.stdlib.law;

/**
 * The checks a fit's data must pass before any optimisation, each refusing with a message that
 * names the row (0-based, in the order given) and what is wrong with it.
 */
final class FitInput {
    private FitInput() {
    }

    static void check(Law law, double[][] rows, double[] targets, FitOptions options) {
        if (law == null || rows == null || targets == null || options == null) {
            throw new IllegalArgumentException("a fit needs a law, rows, targets and options");
        }
        String lawName = "law " + law.name();
        if (rows.length != targets.length) {
            throw new IllegalArgumentException("fitting " + lawName + ": " + rows.length + " rows but " + targets.length
                    + " targets");
        }
        int parameters = law.parameters().size();
        if (parameters == 0) {
            throw new IllegalArgumentException(lawName + " has no parameters to fit");
        }
        if (rows.length < parameters) {
            throw new IllegalArgumentException("cannot fit " + lawName + ": " + rows.length + " rows for " + parameters
                    + " parameters " + law.parameters().stream().map(Parameter::name).toList()
                    + "; a fit needs at least as many rows as parameters");
        }
        int variables = law.variables().size();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != variables) {
                throw new IllegalArgumentException("fitting " + lawName + ": row " + i + " has "
                        + (rows[i] == null ? "no" : rows[i].length) + " values, the law takes " + variables + " "
                        + law.variables());
            }
            for (int v = 0; v < variables; v++) {
                if (!Double.isFinite(rows[i][v])) {
                    throw new IllegalArgumentException("fitting " + lawName + ": row " + i + " has " + law.variables().get(v)
                            + " = " + rows[i][v]);
                }
            }
            double y = targets[i];
            if (!Double.isFinite(y)) {
                throw new IllegalArgumentException("fitting " + lawName + ": the target of row " + i + " is " + y);
            }
            if (options.objective() == Objective.HUBER_LOG && y <= 0) {
                throw new IllegalArgumentException("fitting " + lawName + ": the target of row " + i + " is " + y
                        + ", but the Huber objective on log residuals needs positive targets"
                        + " (use least squares for targets that can be zero or negative)");
            }
        }
    }
}
