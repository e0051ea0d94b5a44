package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import java.util.Arrays;
import java.util.Comparator;
import org.qatlas.interpreter.runtime.ForeignValues;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatList;
import org.qatlas.interpreter.runtime.Sequence;
import org.qatlas.interpreter.runtime.Values;

/**
 * {@code sort(xs, key: r -> r.loss, reverse: false)}: a sorted copy of a list of numbers or
 * strings, or of anything by a key that gives numbers or strings. The sort is stable.
 */
@GenerateNodeFactory
public abstract class SortBuiltin extends BuiltinNode {
    @Specialization
    @TruffleBoundary
    protected QatList sort(Object values, Object key, Object reverse) {
        Sequence sequence = Arguments.sequence(values, "sort", this);
        if (!(reverse instanceof Boolean descending)) {
            throw new QatException("sort(): reverse must be true or false, not " + Values.describe(reverse), this);
        }
        int n = Arguments.listLength(sequence, "sort", this);
        Object[] elements = new Object[n];
        Object[] keys = new Object[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            TruffleSafepoint.poll(this); // a long sort can still be cancelled (Ctrl-C, a time limit)
            elements[i] = sequence.get(i);
            keys[i] = Arguments.isNone(key) ? elements[i] : call(key, elements[i]);
            order[i] = i;
        }
        Comparator<Integer> byKey = (a, b) -> {
            TruffleSafepoint.poll(this);
            return compare(keys[a], keys[b]);
        };
        Arrays.sort(order, descending ? byKey.reversed() : byKey);
        Object[] sorted = new Object[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = elements[order[i]];
        }
        return new QatList(sorted);
    }

    private Object call(Object function, Object argument) {
        InteropLibrary interop = InteropLibrary.getUncached(function);
        if (!interop.isExecutable(function)) {
            throw new QatException("sort(): key must be a function, not " + Values.describe(function), this);
        }
        try {
            return ForeignValues.toQat(interop.execute(function, argument));
        } catch (InteropException e) {
            throw new QatException("sort(): the key function failed: " + e.getMessage(), this);
        }
    }

    private int compare(Object a, Object b) {
        if (Values.isNumber(a) && Values.isNumber(b)) {
            return Double.compare(Values.toDouble(a), Values.toDouble(b));
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        throw QatException.typeError(this, "sort() cannot order %s and %s", a, b);
    }
}
