package org.qatlas.interpreter.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * The whole numbers start, start + step, ... up to but excluding stop, as made by
 * {@code range(...)}. Kept lazy so that {@code for i in range(10M)} needs no 10M-element list.
 */
@ExportLibrary(InteropLibrary.class)
public final class QatRange implements TruffleObject, Sequence {
    private final long start;
    private final long step;
    private final long size;

    public QatRange(long start, long stop, long step) {
        if (step == 0) {
            throw new IllegalArgumentException("step must not be 0");
        }
        this.start = start;
        this.step = step;
        long span = step > 0 ? stop - start : start - stop;
        long magnitude = Math.abs(step);
        this.size = span <= 0 ? 0 : (span + magnitude - 1) / magnitude;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public Object get(long index) {
        return start + index * step;
    }

    public long start() {
        return start;
    }

    public long step() {
        return step;
    }

    @ExportMessage
    boolean hasArrayElements() {
        return true;
    }

    @ExportMessage
    long getArraySize() {
        return size;
    }

    @ExportMessage
    boolean isArrayElementReadable(long index) {
        return index >= 0 && index < size;
    }

    @ExportMessage
    Object readArrayElement(long index) throws InvalidArrayIndexException {
        if (!isArrayElementReadable(index)) {
            throw InvalidArrayIndexException.create(index);
        }
        return get(index);
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return toString();
    }

    @Override
    public String toString() {
        long stop = start + size * step;
        return step == 1 ? "range(" + start + ", " + stop + ")" : "range(" + start + ", " + stop + ", " + step + ")";
    }
}
