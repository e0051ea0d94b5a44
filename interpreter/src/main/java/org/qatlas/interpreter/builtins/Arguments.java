package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;
import java.util.Locale;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatList;
import org.qatlas.interpreter.runtime.QatNone;
import org.qatlas.interpreter.runtime.QatRange;
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
        checkMemory(size, sequence instanceof QatRange ? BOXED_NUMBER_BYTES : 0, function, location);
        return (int) size;
    }

    /** The most elements a Java array, and so a list, can hold. */
    static final int MAX_LIST_LENGTH = Integer.MAX_VALUE - 8;

    /** A reference in a list's array, with compressed pointers: the least an element can cost. */
    private static final long REFERENCE_BYTES = 4;

    /** A boxed long or double: what each element of a copied range costs besides its reference. */
    static final long BOXED_NUMBER_BYTES = 16;

    /**
     * Refuses a list of {@code size} elements, each taking {@code elementBytes} besides its
     * reference, that could not fit in the heap even if it were empty. Without this, sort or
     * reversed of range(1B) spent a while collecting garbage and then stopped the script with
     * "Java heap space" and no place in it. The estimate is a lower bound, so nothing that fits
     * is refused; a list that is merely close to the limit may still run out.
     */
    @TruffleBoundary
    static void checkMemory(long size, long elementBytes, String function, Node location) {
        long heap = Runtime.getRuntime().maxMemory();
        long needed = size * (REFERENCE_BYTES + elementBytes);
        if (heap != Long.MAX_VALUE && needed > heap) {
            throw new QatException(String.format(Locale.ROOT,
                    "%s() cannot make a list of %d elements: it needs at least %.1f GB, more than the %.1f GB this process may use",
                    function, size, needed / 1e9, heap / 1e9), location);
        }
    }

    static boolean isNone(Object value) {
        return value == QatNone.INSTANCE;
    }
}
