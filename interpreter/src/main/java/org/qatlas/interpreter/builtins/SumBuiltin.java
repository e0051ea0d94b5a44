package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.Sequence;

/**
 * {@code sum(xs)} and {@code mean(xs)}. Whole numbers add exactly while they fit in a long;
 * fractions are added with Kahan compensation, so a mean over many runs loses no digits.
 */
@GenerateNodeFactory
public abstract class SumBuiltin extends BuiltinNode {
    private final boolean mean;

    protected SumBuiltin(boolean mean) {
        this.mean = mean;
    }

    @Specialization
    @TruffleBoundary
    protected Object total(Object values) {
        String name = mean ? "mean" : "sum";
        Sequence sequence = Arguments.sequence(values, name, this);
        Long exact = exactSum(sequence);
        if (mean) {
            if (sequence.size() == 0) {
                throw new QatException("mean() of an empty list", this);
            }
            return (exact != null ? (double) exact : compensatedSum(sequence, name)) / sequence.size();
        }
        return exact != null ? (Object) exact : (Object) compensatedSum(sequence, name);
    }

    /** The exact sum when every value is a long and no overflow happens, else null. */
    private Long exactSum(Sequence sequence) {
        long total = 0;
        for (long i = 0; i < sequence.size(); i++) {
            // sum(range(1T)) runs for hours; it must still stop on Ctrl-C or a time limit.
            TruffleSafepoint.poll(this);
            if (!(sequence.get(i) instanceof Long value)) {
                return null;
            }
            try {
                total = Math.addExact(total, value);
            } catch (ArithmeticException overflow) {
                return null;
            }
        }
        return total;
    }

    /** Kahan summation: carries the rounding error of each addition into the next. */
    private double compensatedSum(Sequence sequence, String name) {
        double sum = 0;
        double compensation = 0;
        for (long i = 0; i < sequence.size(); i++) {
            TruffleSafepoint.poll(this);
            double y = Arguments.number(sequence.get(i), name, this) - compensation;
            double t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
        }
        return sum;
    }
}
