package org.qatlas.interpreter.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable list. Lists are values: operations that change a list return a new one, so a
 * list handed to a function or stored in a record can never change behind anyone's back.
 * Embedders see it as an array.
 */
@ExportLibrary(InteropLibrary.class)
public final class QatList implements TruffleObject, Sequence {
    public static final QatList EMPTY = new QatList(new Object[0]);

    private final Object[] elements;

    /** Takes ownership of {@code elements}: the caller must not change the array afterwards. */
    public QatList(Object[] elements) {
        this.elements = elements;
    }

    public static QatList of(List<?> elements) {
        return new QatList(elements.toArray());
    }

    @Override
    public long size() {
        return elements.length;
    }

    @Override
    public Object get(long index) {
        return elements[(int) index];
    }

    /** A copy of the elements, for building new lists. */
    public Object[] toArray() {
        return elements.clone();
    }

    @TruffleBoundary
    public QatList concat(QatList other) {
        Object[] joined = Arrays.copyOf(elements, elements.length + other.elements.length);
        System.arraycopy(other.elements, 0, joined, elements.length, other.elements.length);
        return new QatList(joined);
    }

    @ExportMessage
    boolean hasArrayElements() {
        return true;
    }

    @ExportMessage
    long getArraySize() {
        return elements.length;
    }

    @ExportMessage
    boolean isArrayElementReadable(long index) {
        return index >= 0 && index < elements.length;
    }

    @ExportMessage
    Object readArrayElement(long index) throws InvalidArrayIndexException {
        if (!isArrayElementReadable(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        return elements[(int) index];
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
