package org.qatlas.interpreter.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import org.qatlas.stdlib.value.FieldValue;

/**
 * A value of the standard library (a model, a scheme, a budget, a run) as the language sees
 * it: a record-like value whose fields read as Qatlas values and which {@code with} copies.
 * Embedders see the fields as members.
 */
@ExportLibrary(InteropLibrary.class)
public final class DomainValue implements TruffleObject {
    private final FieldValue value;

    public DomainValue(FieldValue value) {
        this.value = value;
    }

    public FieldValue unwrap() {
        return value;
    }

    /** The field as a Qatlas value, or null when there is no such field. */
    @TruffleBoundary
    public Object field(String name) {
        return value.fieldNames().contains(name) ? JavaValues.toQat(value.field(name)) : null;
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return QatList.of(value.fieldNames());
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        return value.fieldNames().contains(member);
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        Object field = field(member);
        if (field == null) {
            throw UnknownIdentifierException.create(member);
        }
        return field;
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return Display.repr(this);
    }

    @Override
    public String toString() {
        return Display.repr(this);
    }
}
