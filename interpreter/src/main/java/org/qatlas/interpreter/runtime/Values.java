package org.qatlas.interpreter.runtime;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

/** The names of value types as users read them in error messages. */
public final class Values {
    private Values() {
    }

    @TruffleBoundary
    public static String typeName(Object value) {
        if (value instanceof Long || value instanceof Double) {
            return "number";
        } else if (value instanceof String) {
            return "string";
        } else if (value instanceof Boolean) {
            return "boolean";
        } else if (value == QatNone.INSTANCE) {
            return "none";
        } else if (value instanceof QatList) {
            return "list";
        } else if (value instanceof QatRange) {
            return "range";
        } else if (value instanceof QatRecord) {
            return "record";
        } else if (value instanceof QatFunction function) {
            return function.law() != null ? "law" : "function";
        } else if (value instanceof DerivativeStructure) {
            return "number";
        } else if (value instanceof DomainValue domain) {
            return domain.unwrap().kind();
        }
        return "foreign value";
    }

    /** "a number (3)", "a string ("x")": the type and a short view of the value. */
    @TruffleBoundary
    public static String describe(Object value) {
        String type = typeName(value);
        String article = type.matches("[aeiou].*") ? "an " : "a ";
        if (value == QatNone.INSTANCE) {
            return "none";
        }
        String shown = Display.repr(value);
        if (shown.length() > 40) {
            shown = shown.substring(0, 37) + "...";
        }
        return article + type + " (" + shown + ")";
    }

    public static boolean isNumber(Object value) {
        return value instanceof Long || value instanceof Double;
    }

    public static double toDouble(Object number) {
        return number instanceof Long l ? l : (Double) number;
    }
}
