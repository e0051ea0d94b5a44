package org.qatlas.interpreter.fitting;

import org.qatlas.interpreter.laws.LawDefinition;
import org.qatlas.interpreter.laws.FitSummary;
import java.util.List;
import org.qatlas.interpreter.nodes.calls.LawValueNode;
import org.qatlas.interpreter.runtime.QatFunction;
import org.qatlas.stdlib.law.Fit;
import org.qatlas.stdlib.law.Fitter;
import org.qatlas.stdlib.law.FitOptions;
import org.qatlas.stdlib.law.Parameter;

/** Fitting a law value and making the fitted law: the same code with new parameter values. */
public final class Laws {
    private Laws() {
    }

    /** The law of a value, or an error saying that a law is needed. */
    public static QatFunction law(Object value, String function) {
        if (value instanceof QatFunction candidate && candidate.law() != null) {
            return candidate;
        }
        throw new IllegalArgumentException(function + ": needs a law (declared with law name(vars; params) = ...), not "
                + org.qatlas.interpreter.runtime.Values.describe(value));
    }

    public static QatFunction fit(QatFunction law, FitArguments arguments, FitOptions options) {
        Fit fit = Fitter.fit(new InterpretedLaw(law, null), arguments.variables, arguments.targets, options);
        return withValues(law, fit.values(), new FitSummary(arguments.target, fit));
    }

    /** The law with parameter values (and the fit they came from) in place of its current ones. */
    public static QatFunction withValues(QatFunction law, double[] values, FitSummary summary) {
        LawDefinition definition = law.law();
        List<Parameter> parameters = definition.parameters();
        String[] names = parameters.stream().map(Parameter::name).toArray(String[]::new);
        return new QatFunction(law.name(), LawValueNode.signature(definition.variables().toArray(String[]::new), names, values),
                law.callTarget(), law.closure(), law.doc(), definition.fitted(values, summary));
    }
}
