package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import org.qatlas.interpreter.runtime.Display;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatList;
import org.qatlas.interpreter.runtime.Values;

/**
 * {@code linspace(start, stop, n)} and {@code logspace(start, stop, n)}: n numbers from start to
 * stop, both included, evenly spaced on a linear or a log scale; n = 1 gives [start], as NumPy
 * does. Built in rather than written in the prelude so that a bad argument is reported at the
 * script's call, and refused before any work: a count such as 1e10 used to run for minutes and
 * end out of memory, and logspace from a negative start gave nan.
 */
@GenerateNodeFactory
public abstract class GridBuiltin extends BuiltinNode {
    /**
     * The most numbers one grid may have. Sweep grids and plot axes need thousands at most; 10M
     * numbers are already about 200 MB of list (a boxed double and a reference each) and take
     * the interpreter a second or more. A larger count is almost always a mistyped exponent
     * (1e10 for 1e1), better refused at once than left to run out of memory.
     */
    static final long MAX_POINTS = 10_000_000;

    private final boolean logarithmic;

    protected GridBuiltin(boolean logarithmic) {
        this.logarithmic = logarithmic;
    }

    @Specialization
    @TruffleBoundary
    protected QatList grid(Object startValue, Object stopValue, Object countValue) {
        String name = logarithmic ? "logspace" : "linspace";
        double start = end(startValue, name, "start");
        double stop = end(stopValue, name, "stop");
        long n = Arguments.whole(countValue, name, "n", this);
        if (n < 1) {
            throw new QatException(name + "(): n must be at least 1, not " + n, this);
        }
        if (n > MAX_POINTS) {
            throw new QatException(name + "(): n must be at most " + MAX_POINTS + " (10M), not " + n, this);
        }
        Object[] points = new Object[(int) n];
        for (int i = 0; i < n; i++) {
            if ((i & 0xFFFF) == 0) {
                TruffleSafepoint.poll(this); // a long grid can still be cancelled (Ctrl-C, a time limit)
            }
            double t = n == 1 ? 0 : (double) i / (n - 1);
            points[i] = logarithmic ? start * Math.pow(stop / start, t) : start + (stop - start) * i / (n - 1);
        }
        points[0] = startValue;
        if (n > 1) {
            points[(int) n - 1] = stopValue; // both ends exactly as given, not start + (stop - start) rounded
        }
        return new QatList(points);
    }

    private double end(Object value, String name, String parameter) {
        if (!Values.isNumber(value)) {
            throw new QatException(name + "(): " + parameter + " must be a number, not " + Values.describe(value), this);
        }
        double number = Values.toDouble(value);
        if (logarithmic && !(number > 0 && number < Double.POSITIVE_INFINITY)) {
            throw new QatException(name + "(): " + parameter + " must be a positive number (a log scale starts and "
                    + "stops above 0), not " + Display.repr(value), this);
        }
        if (!Double.isFinite(number)) {
            throw new QatException(name + "(): " + parameter + " must be a finite number, not " + Display.repr(value), this);
        }
        return number;
    }
}
