package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatList;
import org.qatlas.interpreter.runtime.Sequence;
import org.qatlas.interpreter.runtime.Values;

/** {@code min(a, b, ...)} and {@code max(...)}, of several numbers or strings or of one list. */
@GenerateNodeFactory
public abstract class MinMaxBuiltin extends BuiltinNode {
    private final boolean max;

    protected MinMaxBuiltin(boolean max) {
        this.max = max;
    }

    @Specialization
    @TruffleBoundary
    protected Object extreme(QatList rest) {
        String name = max ? "max" : "min";
        Sequence values = Arguments.spread(rest);
        if (values.size() == 0) {
            throw new QatException(name + "() of nothing: give it at least one value", this);
        }
        Object best = values.get(0);
        for (long i = 1; i < values.size(); i++) {
            TruffleSafepoint.poll(this); // max(range(1T)) must still stop on Ctrl-C or a time limit
            Object candidate = values.get(i);
            int order = compare(candidate, best, name);
            if (max ? order > 0 : order < 0) {
                best = candidate;
            }
        }
        if (values.size() == 1) {
            compare(best, best, name); // still reject a lone non-number
        }
        return best;
    }

    private int compare(Object a, Object b, String name) {
        if (Values.isNumber(a) && Values.isNumber(b)) {
            double x = Values.toDouble(a);
            double y = Values.toDouble(b);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                // nan wins in both min and max, as in NumPy, so that it is never hidden: it
                // counts as the largest number for max and as the smallest for min.
                if (Double.isNaN(x) && Double.isNaN(y)) {
                    return 0;
                }
                int nanFirst = max ? 1 : -1;
                return Double.isNaN(x) ? nanFirst : -nanFirst;
            }
            return Double.compare(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        throw QatException.typeError(this, name + "() cannot compare %s with %s", a, b);
    }
}
