package org.qatlas.interpreter.nodes.arithmetic;

import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;
import org.qatlas.interpreter.nodes.BinaryNode;
import org.qatlas.interpreter.runtime.QatException;

/** {@code a * b}. */
@NodeInfo(shortName = "*")
public abstract class MultiplyNode extends BinaryNode {
    @Specialization(rewriteOn = ArithmeticException.class)
    protected long multiplyLongs(long left, long right) {
        return Math.multiplyExact(left, right);
    }

    @Specialization(replaces = "multiplyLongs")
    protected double multiplyDoubles(double left, double right) {
        return left * right;
    }

    @Fallback
    protected Object mismatch(Object left, Object right) {
        throw QatException.typeError(this, "cannot multiply %s by %s", left, right);
    }
}
