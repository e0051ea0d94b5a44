package org.qatlas.interpreter.fitting;

import org.qatlas.interpreter.laws.LawDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;
import java.util.List;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatFunction;
import org.qatlas.interpreter.runtime.Values;
import org.qatlas.stdlib.law.Law;
import org.qatlas.stdlib.law.Parameter;

/**
 * A law written in the language, as the fitter sees it. Gradients come from running the
 * law's own body with each parameter as a dual number seeded with its unit derivative: exact,
 * and no extra evaluations per parameter as finite differences would need.
 */
public final class InterpretedLaw implements Law {
    private final QatFunction function;
    private final LawDefinition law;
    private final Node location;
    private final Object[] arguments;
    /**
     * The declared parameters, starting from the law's current values: a fitted law refits from
     * its fit, except from a value on its bound.
     */
    private final List<Parameter> parameters;

    /** @param location where errors raised by the law's body are reported from */
    public InterpretedLaw(QatFunction function, Node location) {
        this.function = function;
        this.law = function.law();
        this.location = location;
        this.arguments = new Object[1 + law.variableCount() + law.parameterCount()];
        arguments[0] = function.closure();
        List<Parameter> current = new ArrayList<>();
        for (int i = 0; i < law.parameterCount(); i++) {
            Parameter declared = law.parameters().get(i);
            // A fit may end on a bound (an exponent of exactly 0); a refit starts from the declared value then.
            double value = law.values()[i];
            current.add(new Parameter(declared.name(), value > declared.lowerBound() ? value : declared.initial(),
                    declared.lowerBound()));
        }
        this.parameters = List.copyOf(current);
    }

    @Override
    public String name() {
        return law.name();
    }

    @Override
    public List<String> variables() {
        return law.variables();
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    @TruffleBoundary
    public double evaluate(double[] variables, double[] parameters, double[] gradient) {
        int v = law.variableCount();
        for (int i = 0; i < v; i++) {
            arguments[1 + i] = variables[i];
        }
        int p = parameters.length;
        for (int j = 0; j < p; j++) {
            arguments[1 + v + j] = gradient == null ? (Object) parameters[j] : new DerivativeStructure(p, 1, j, parameters[j]);
        }
        Object result = function.callTarget().call(arguments.clone());
        if (result instanceof DerivativeStructure dual) {
            double[] derivatives = dual.getAllDerivatives();
            System.arraycopy(derivatives, 1, gradient, 0, p);
            return derivatives[0];
        }
        if (!Values.isNumber(result)) {
            throw new QatException("law " + law.name() + " must give a number, not " + Values.describe(result), location);
        }
        if (gradient != null) {
            // The body did not use any parameter: its derivatives are all zero.
            Arrays.fill(gradient, 0);
        }
        return Values.toDouble(result);
    }
}
