package org.qatlas.interpreter.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

/**
 * Structural equality: numbers by value whatever their representation (2 == 2.0), lists and
 * records element by element, functions by identity. Values of different types are unequal.
 */
public final class Equality {
    private Equality() {
    }

    @TruffleBoundary
    public static boolean equal(Object a, Object b) {
        if (Values.isNumber(a) && Values.isNumber(b)) {
            if (a instanceof Long x && b instanceof Long y) {
                return x.longValue() == y.longValue();
            }
            return Values.toDouble(a) == Values.toDouble(b);
        }
        if (a instanceof Sequence x && b instanceof Sequence y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (long i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof QatRecord x && b instanceof QatRecord y) {
            if (!x.names().equals(y.names())) {
                return false;
            }
            for (int i = 0; i < x.shape().size(); i++) {
                if (!equal(x.valueAt(i), y.valueAt(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof String || a instanceof Boolean) {
            return a.equals(b);
        }
        return a == b;
    }
}
