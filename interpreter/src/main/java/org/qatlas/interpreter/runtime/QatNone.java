package org.qatlas.interpreter.runtime;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** The value {@code none}: the absence of a value. Embedders see it as null. */
@ExportLibrary(InteropLibrary.class)
public final class QatNone implements TruffleObject {
    public static final QatNone INSTANCE = new QatNone();

    private QatNone() {
    }

    @ExportMessage
    boolean isNull() {
        return true;
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "none";
    }

    @Override
    public String toString() {
        return "none";
    }
}
