package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatList;
import org.qatlas.interpreter.runtime.QatNone;
import org.qatlas.interpreter.runtime.Sequence;
import org.qatlas.interpreter.runtime.Values;

/** Checks and conversions of built-in arguments, with errors that name the function. */
final class Arguments {
    private Arguments() {
    }

    /** A whole number, given as a long or as a double without a fraction. */
    @TruffleBoundary
    static long whole(Object value, String function, String parameter, Node location) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p63) {
            return d.longValue();
        }
        throw new QatException(function + "(): " + parameter + " must be a whole number, not " + Values.describe(value), location);
    }

    @TruffleBoundary
    static double number(Object value, String function, Node location) {
        if (Values.isNumber(value)) {
            return Values.toDouble(value);
        }
        throw new QatException(function + "() needs numbers, not " + Values.describe(value), location);
    }

    @TruffleBoundary
    static Sequence sequence(Object value, String function, Node location) {
        if (value instanceof Sequence sequence) {
            return sequence;
        }
        throw new QatException(function + "() needs a list, not " + Values.describe(value), location);
    }

    /**
     * The values of a rest parameter, or the elements of a single list passed to it, so that
     * both {@code max(a, b)} and {@code max(xs)} work.
     */
    @TruffleBoundary
    static Sequence spread(QatList rest) {
        if (rest.size() == 1 && rest.get(0) instanceof Sequence only) {
            return only;
        }
        return rest;
    }

    /**
     * The length of a sequence that is about to be copied into a new list. A range can be far
     * longer than any Java array (range(1T)); casting its size to an int gave a negative array
     * size and a Java exception instead of an error in the script.
     */
    @TruffleBoundary
    static int listLength(Sequence sequence, String function, Node location) {
        long size = sequence.size();
        if (size > MAX_LIST_LENGTH) {
            throw new QatException(function + "() cannot make a list of " + size + " elements (at most "
                    + MAX_LIST_LENGTH + ")", location);
        }
        return (int) size;
    }

    /** The most elements a Java array, and so a list, can hold. */
    static final int MAX_LIST_LENGTH = Integer.MAX_VALUE - 8;

    static boolean isNone(Object value) {
        return value == QatNone.INSTANCE;
    }
}
