package org.qatlas.interpreter.nodes.arithmetic;

import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;
import org.qatlas.interpreter.nodes.BinaryNode;
import org.qatlas.interpreter.runtime.QatException;

/**
 * {@code a % b}: the remainder with the sign of the divisor, as in mathematics and Python
 * ({@code -1 % 3} is 2), so that {@code i % n} is always a valid index.
 */
@NodeInfo(shortName = "%")
public abstract class ModuloNode extends BinaryNode {
    @Specialization(guards = "right != 0")
    protected long moduloLongs(long left, long right) {
        return Math.floorMod(left, right);
    }

    @Specialization(guards = "isNonZero(right)")
    protected double moduloDoubles(double left, double right) {
        double remainder = left % right;
        return remainder != 0 && (remainder < 0) != (right < 0) ? remainder + right : remainder;
    }

    protected static boolean isNonZero(double value) {
        return value != 0;
    }

    @Fallback
    protected Object mismatch(Object left, Object right) {
        if (right instanceof Long l && l == 0 || right instanceof Double d && d == 0) {
            throw new QatException("remainder of division by zero", this);
        }
        throw QatException.typeError(this, "cannot take %s modulo %s", left, right);
    }
}
