package org.qatlas.interpreter.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;

/**
 * Turns values that come from embedders and other languages into Qatlas values: any number
 * becomes a long or a double, strings and booleans stay, null becomes none. Objects, arrays
 * and functions stay foreign; Qatlas reads their members, elements and calls them through
 * interop.
 */
public final class ForeignValues {
    private ForeignValues() {
    }

    @TruffleBoundary
    public static Object toQat(Object value) {
        if (value instanceof Long || value instanceof Double || value instanceof String || value instanceof Boolean
                || value instanceof QatList || value instanceof QatRecord || value instanceof QatFunction
                || value instanceof QatRange || value == QatNone.INSTANCE) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Character c) {
            return c.toString();
        }
        InteropLibrary interop = InteropLibrary.getUncached(value);
        try {
            if (interop.isNull(value)) {
                return QatNone.INSTANCE;
            } else if (interop.isBoolean(value)) {
                return interop.asBoolean(value);
            } else if (interop.isString(value)) {
                return interop.asString(value);
            } else if (interop.fitsInLong(value)) {
                return interop.asLong(value);
            } else if (interop.fitsInDouble(value)) {
                return interop.asDouble(value);
            }
        } catch (UnsupportedMessageException e) {
            throw new IllegalStateException("interop value changed while being read", e);
        }
        return value;
    }
}
