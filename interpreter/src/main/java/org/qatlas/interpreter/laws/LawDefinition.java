package org.qatlas.interpreter.laws;

import java.util.List;
import org.qatlas.stdlib.law.Parameter;

/**
 * What makes a function a law: which of its parameters are the variables (N, D, G, ...) and
 * which are free parameters (k, alpha, ...) with their starting values and bounds, and the
 * declaration's text, so that a fitted law can be written to a file and read back.
 *
 * @param values the parameters' current values: the starting values for a declared law, the
 *     fitted ones for a fitted law
 * @param fit how the values were fitted, or null for a declared law
 */
public record LawDefinition(String name, List<String> variables, List<Parameter> parameters, double[] values,
        String source, FitSummary fit) {
    public LawDefinition {
        variables = List.copyOf(variables);
        parameters = List.copyOf(parameters);
        values = values.clone();
    }

    public int variableCount() {
        return variables.size();
    }

    public int parameterCount() {
        return parameters.size();
    }

    public int parameterIndex(String parameterName) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).name().equals(parameterName)) {
                return i;
            }
        }
        return -1;
    }

    /** The same law with new parameter values and the fit that produced them. */
    public LawDefinition fitted(double[] fittedValues, FitSummary summary) {
        return new LawDefinition(name, variables, parameters, fittedValues, source, summary);
    }
}
