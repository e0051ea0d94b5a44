package org.qatlas.interpreter.runtime;

import org.qatlas.interpreter.laws.LawDefinition;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;
import java.util.Map;

/**
 * Calls of laws and functions from Java: with a record of named variables ({@code law(row)},
 * extra fields ignored, so a row of measurements can be passed as it is), or with positional
 * numbers, as the queries and the plots do.
 */
public final class LawCalls {
    private LawCalls() {
    }

    /** The law at the point a record names; the record may carry other fields too. */
    @TruffleBoundary
    public static Object callWithRecord(QatFunction law, QatRecord point, Node location) {
        LawDefinition definition = law.law();
        Object[] arguments = new Object[1 + definition.variableCount() + definition.parameterCount()];
        arguments[0] = law.closure();
        for (int i = 0; i < definition.variableCount(); i++) {
            String variable = definition.variables().get(i);
            Object value = point.get(variable);
            if (value == null) {
                throw new QatException("law " + definition.name() + " needs '" + variable + "' but the record has no such field"
                        + "; its fields are " + String.join(", ", point.names()),
                        location);
            }
            arguments[1 + i] = value;
        }
        for (int j = 0; j < definition.parameterCount(); j++) {
            arguments[1 + definition.variableCount() + j] = definition.values()[j];
        }
        return law.callTarget().call(arguments);
    }

    /** The law at named variable values (a row of plain Java values may carry other fields), as a number. */
    @TruffleBoundary
    public static double at(QatFunction law, Map<String, ?> point, Node location) {
        return number(law, callWithRecord(law, (QatRecord) JavaValues.toQat(point), location), location);
    }

    /** Any function of positional arguments, as a number. */
    @TruffleBoundary
    public static double call(QatFunction function, Node location, Object... values) {
        Object result = function.callTarget().call(ArgumentLayout.positionalAt(function.name(), function.signature(),
                function.closure(), values, location));
        return number(function, result, location);
    }

    private static double number(QatFunction function, Object result, Node location) {
        if (!Values.isNumber(result)) {
            throw new QatException(function.name() + " must give a number, not " + Values.describe(result), location);
        }
        return Values.toDouble(result);
    }
}
