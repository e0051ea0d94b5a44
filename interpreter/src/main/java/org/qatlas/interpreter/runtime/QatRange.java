package org.qatlas.interpreter.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import java.math.BigInteger;

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
        this.size = size(start, stop, step);
    }

    /**
     * How many elements, worked out exactly: {@code stop - start} overflows a long for ranges
     * such as range(-2^63, 2^63 - 1), and did give them a negative size.
     *
     * @throws IllegalArgumentException when there are more than Long.MAX_VALUE elements
     */
    @TruffleBoundary
    private static long size(long start, long stop, long step) {
        BigInteger span = BigInteger.valueOf(stop).subtract(BigInteger.valueOf(start));
        if (step < 0) {
            span = span.negate();
        }
        if (span.signum() <= 0) {
            return 0;
        }
        BigInteger magnitude = BigInteger.valueOf(step).abs();
        BigInteger count = span.add(magnitude).subtract(BigInteger.ONE).divide(magnitude);
        if (count.bitLength() >= Long.SIZE) {
            throw new IllegalArgumentException("more than " + Long.MAX_VALUE + " elements");
        }
        return count.longValue();
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
