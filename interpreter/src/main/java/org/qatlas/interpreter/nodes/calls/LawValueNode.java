package org.qatlas.interpreter.nodes.calls;

import com.oracle.truffle.api.frame.MaterializedFrame;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import java.util.ArrayList;
import java.util.List;
import org.qatlas.interpreter.laws.LawDefinition;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.runtime.Display;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatFunction;
import org.qatlas.interpreter.runtime.Signature;
import org.qatlas.interpreter.runtime.Values;
import org.qatlas.stdlib.law.Parameter;

/**
 * Makes a law value where {@code law} appears. The starting values and bounds of its free
 * parameters are evaluated here, once, in the scope around the declaration: they become the
 * parameters' constant defaults, so a law is callable with its variables alone.
 */
public final class LawValueNode extends QatExpressionNode {
    private final String name;
    private final String[] variables;
    private final String[] parameterNames;
    @Children private final QatExpressionNode[] initials;
    /** Per parameter, its lower bound, or null where it has none. */
    @Children private final QatExpressionNode[] bounds;
    private final RootCallTarget callTarget;
    private final boolean capturesFrame;
    private final String doc;
    private final String source;

    public LawValueNode(String name, String[] variables, String[] parameterNames, QatExpressionNode[] initials,
            QatExpressionNode[] bounds, RootCallTarget callTarget, boolean capturesFrame, String doc, String source) {
        this.name = name;
        this.variables = variables;
        this.parameterNames = parameterNames;
        this.initials = initials;
        this.bounds = bounds;
        this.callTarget = callTarget;
        this.capturesFrame = capturesFrame;
        this.doc = doc;
        this.source = source;
    }

    @Override
    @ExplodeLoop
    public Object executeGeneric(VirtualFrame frame) {
        Object[] initialValues = new Object[initials.length];
        Object[] boundValues = new Object[bounds.length];
        for (int i = 0; i < initials.length; i++) {
            initialValues[i] = initials[i].executeGeneric(frame);
            boundValues[i] = bounds[i] == null ? null : bounds[i].executeGeneric(frame);
        }
        return makeLaw(initialValues, boundValues, capturesFrame ? frame.materialize() : null);
    }

    @TruffleBoundary
    private QatFunction makeLaw(Object[] initialValues, Object[] boundValues, MaterializedFrame closure) {
        List<Parameter> parameters = new ArrayList<>();
        double[] values = new double[parameterNames.length];
        for (int i = 0; i < parameterNames.length; i++) {
            double initial = number(initialValues[i], "the starting value of " + parameterNames[i], initials[i]);
            double bound = boundValues[i] == null ? Double.NEGATIVE_INFINITY
                    : number(boundValues[i], "the bound of " + parameterNames[i], bounds[i]);
            if (!(initial > bound)) {
                throw new QatException("parameter " + parameterNames[i] + " starts at " + Display.repr(initialValues[i])
                        + ", which is not above its lower bound " + Display.repr(boundValues[i]), initials[i]);
            }
            parameters.add(new Parameter(parameterNames[i], initial, bound));
            values[i] = initial;
        }
        LawDefinition law = new LawDefinition(name, List.of(variables), parameters, values, source, null);
        return new QatFunction(name, signature(variables, parameterNames, values), callTarget, closure, doc, law);
    }

    /** Variables are required; parameters default to the given values. */
    public static Signature signature(String[] variables, String[] parameterNames, double[] values) {
        String[] names = new String[variables.length + parameterNames.length];
        Object[] defaults = new Object[names.length];
        System.arraycopy(variables, 0, names, 0, variables.length);
        for (int i = 0; i < parameterNames.length; i++) {
            names[variables.length + i] = parameterNames[i];
            defaults[variables.length + i] = values[i];
        }
        return new Signature(names, defaults, -1);
    }

    private static double number(Object value, String what, QatExpressionNode at) {
        if (!Values.isNumber(value)) {
            throw new QatException(what + " must be a number, not " + Values.describe(value), at);
        }
        return Values.toDouble(value);
    }
}
