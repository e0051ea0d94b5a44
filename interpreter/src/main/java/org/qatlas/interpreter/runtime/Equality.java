package org.qatlas.interpreter.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

/**
 * Structural equality: numbers by value whatever their representation (2 == 2.0), lists
 * element by element, records field by field whatever their order, functions by identity. Values of different types are unequal.
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
        if (a instanceof QatRange x && b instanceof QatRange y) {
            // Compared by their arithmetic, not element by element: range(1T) == range(1T).
            return x.size() == y.size() && (x.size() == 0
                    || x.start() == y.start() && (x.size() == 1 || x.step() == y.step()));
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
            // Field order is kept for display only: { a: 1, b: 2 } == { b: 2, a: 1 }, as for
            // Python dicts and YAML mappings.
            if (x.shape().size() != y.shape().size()) {
                return false;
            }
            for (int i = 0; i < x.shape().size(); i++) {
                Object other = y.get(x.shape().name(i));
                if (other == null || !equal(x.valueAt(i), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof DomainValue x && b instanceof DomainValue y) {
            return x.unwrap().equals(y.unwrap()); // domain values are records of value semantics
        }
        if (a instanceof String || a instanceof Boolean) {
            return a.equals(b);
        }
        return a == b;
    }
}
