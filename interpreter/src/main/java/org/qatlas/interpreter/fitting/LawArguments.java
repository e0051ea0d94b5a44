package org.qatlas.interpreter.fitting;

import java.util.List;
import org.qatlas.interpreter.runtime.JavaValues;
import org.qatlas.interpreter.runtime.QatFunction;
import org.qatlas.interpreter.runtime.Values;
import org.qatlas.stdlib.value.Fields;

/**
 * Checks of the arguments the law built-ins share (fit, plot, solve, the queries), as plain
 * Java values; single numbers, strings and whole numbers go through {@link Fields}. Every
 * mistake is an IllegalArgumentException naming the built-in, which the script sees at the call.
 */
public final class LawArguments {
    private LawArguments() {
    }

    /** [lo, hi] with lo < hi. */
    public static double[] pair(Object value, String builtin) {
        if (value instanceof List<?> list && list.size() == 2 && list.get(0) instanceof Number lo && list.get(1) instanceof Number hi
                && lo.doubleValue() < hi.doubleValue()) {
            return new double[] {lo.doubleValue(), hi.doubleValue()};
        }
        throw new IllegalArgumentException(builtin + ": bounds must be [lo, hi] with lo < hi, not " + value);
    }

    /** A non-empty list of numbers. */
    public static double[] numbers(Object value, String builtin, String what) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(builtin + ": " + what + " must be a list of numbers, not " + value);
        }
        double[] result = new double[list.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = Fields.number(builtin, what, list.get(i));
        }
        return result;
    }

    public static QatFunction function(Object value, String builtin) {
        if (!(value instanceof QatFunction function)) {
            throw new IllegalArgumentException(builtin + ": needs a function, such as x -> law(N: x, D: 1e11), not "
                    + Values.describe(JavaValues.toQat(value)));
        }
        return function;
    }
}
