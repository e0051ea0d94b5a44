package org.qatlas.interpreter.nodes.logic;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.qatlas.interpreter.nodes.BinaryNode;
import org.qatlas.interpreter.runtime.Equality;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatRange;
import org.qatlas.interpreter.runtime.QatRecord;
import org.qatlas.interpreter.runtime.Sequence;
import org.qatlas.interpreter.runtime.Values;

/** {@code x in xs}: an element of a list or range, a field name of a record, a substring. */
@NodeInfo(shortName = "in")
public abstract class InNode extends BinaryNode {
    @Specialization
    @TruffleBoundary
    protected boolean inSequence(Object element, Sequence sequence) {
        if (sequence instanceof QatRange range) {
            return inRange(element, range);
        }
        for (long i = 0; i < sequence.size(); i++) {
            TruffleSafepoint.poll(this); // a long scan can still be cancelled (Ctrl-C, a time limit)
            if (Equality.equal(element, sequence.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** Arithmetic instead of a scan, so that {@code x in range(1T)} answers at once. */
    private static boolean inRange(Object element, QatRange range) {
        if (!Values.isNumber(element)) {
            return false;
        }
        double value = Values.toDouble(element);
        if (value != Math.rint(value) || Math.abs(value) > 0x1p63) {
            return false;
        }
        // Exact, in big integers: element - start can overflow a long for very wide ranges.
        BigInteger whole = element instanceof Long l ? BigInteger.valueOf(l) : new BigDecimal(value).toBigInteger();
        BigInteger[] quotient = whole.subtract(BigInteger.valueOf(range.start()))
                .divideAndRemainder(BigInteger.valueOf(range.step()));
        return quotient[1].signum() == 0 && quotient[0].signum() >= 0
                && quotient[0].compareTo(BigInteger.valueOf(range.size())) < 0;
    }

    @Specialization
    protected boolean inRecord(String name, QatRecord record) {
        return record.shape().indexOf(name) >= 0;
    }

    @Specialization
    @TruffleBoundary
    protected boolean inString(String part, String whole) {
        return whole.contains(part);
    }

    @Fallback
    protected Object mismatch(Object element, Object container) {
        throw QatException.typeError(this, "cannot look for %s in %s", element, container);
    }
}
