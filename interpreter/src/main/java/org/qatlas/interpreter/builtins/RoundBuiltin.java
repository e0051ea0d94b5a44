package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.qatlas.interpreter.runtime.QatException;

/**
 * {@code round(x, digits = 0)}: rounds half to even, as Python and NumPy do, on the decimal
 * digits the number prints with (so round(0.125, 2) is 0.12 and round(2.675, 2) is 2.68).
 */
@GenerateNodeFactory
public abstract class RoundBuiltin extends BuiltinNode {
    @Specialization
    protected long roundLong(long x, long digits) {
        if (digits >= 0) {
            return x;
        }
        return round((double) x, digits).longValue();
    }

    @Specialization
    @TruffleBoundary
    protected Object roundDouble(double x, long digits) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        if (digits >= 0 && x == Math.rint(x)) {
            // Already whole: the value itself. (Going through its shortest decimal text would
            // turn 2^62 into 4611686018427388000.)
            return Math.abs(x) < 0x1p63 ? (Object) (long) x : (Object) x;
        }
        BigDecimal rounded = round(x, digits);
        if (digits <= 0 && rounded.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
            return rounded.longValue();
        }
        return rounded.doubleValue();
    }

    @TruffleBoundary
    private static BigDecimal round(double x, long digits) {
        return new BigDecimal(Double.toString(x)).setScale((int) Math.max(-300, Math.min(300, digits)), RoundingMode.HALF_EVEN);
    }

    @Fallback
    protected Object mismatch(Object x, Object digits) {
        throw QatException.typeError(this, "round() needs a number and a whole number of digits, not %s and %s", x, digits);
    }
}
