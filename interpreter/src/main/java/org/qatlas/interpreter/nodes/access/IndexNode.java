package org.qatlas.interpreter.nodes.access;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.CachedLibrary;
import org.qatlas.interpreter.nodes.BinaryNode;
import org.qatlas.interpreter.runtime.ForeignValues;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatRecord;
import org.qatlas.interpreter.runtime.Sequence;
import org.qatlas.interpreter.runtime.Values;
import org.qatlas.stdlib.text.Suggestions;

/**
 * {@code xs[i]}: an element of a list or range (negative indices count from the end), a
 * character of a string, or a field of a record by name ({@code r["*.fc2.input"]}).
 */
public abstract class IndexNode extends BinaryNode {
    @Specialization
    protected Object element(Sequence sequence, long index) {
        return sequence.get(checked(index, sequence.size()));
    }

    @Specialization(guards = "isWhole(index)")
    protected Object elementAtWholeDouble(Sequence sequence, double index) {
        return element(sequence, (long) index);
    }

    @Specialization
    @TruffleBoundary
    protected String character(String string, long index) {
        int at = (int) checked(index, string.length());
        return string.substring(at, at + 1);
    }

    @Specialization
    @TruffleBoundary
    protected Object field(QatRecord record, String name) {
        Object value = record.get(name);
        if (value == null) {
            throw new QatException("record has no field \"" + name + "\"" + Suggestions.didYouMean(name, record.names()), this);
        }
        return value;
    }

    @Specialization(guards = {"!isSequence(receiver)", "arrays.hasArrayElements(receiver)"}, limit = "3")
    protected Object foreignElement(Object receiver, long index, @CachedLibrary("receiver") InteropLibrary arrays) {
        try {
            long size = arrays.getArraySize(receiver);
            return ForeignValues.toQat(arrays.readArrayElement(receiver, checked(index, size)));
        } catch (UnsupportedMessageException | InvalidArrayIndexException e) {
            throw new QatException("cannot read element " + index + " of " + Values.describe(receiver), this);
        }
    }

    @Fallback
    protected Object mismatch(Object receiver, Object index) {
        throw QatException.typeError(this, "cannot index %s with %s", receiver, index);
    }

    private long checked(long index, long size) {
        long resolved = index < 0 ? index + size : index;
        if (resolved < 0 || resolved >= size) {
            throw new QatException("index " + index + " is out of range for a length of " + size, this);
        }
        return resolved;
    }

    protected static boolean isWhole(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value);
    }

    protected static boolean isSequence(Object value) {
        return value instanceof Sequence;
    }
}
