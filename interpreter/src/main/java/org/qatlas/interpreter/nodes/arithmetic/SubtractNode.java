package org.qatlas.interpreter.nodes.arithmetic;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.qatlas.interpreter.laws.Duals;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;
import org.qatlas.interpreter.nodes.BinaryNode;
import org.qatlas.interpreter.runtime.QatException;

/** {@code a - b}. */
@NodeInfo(shortName = "-")
public abstract class SubtractNode extends BinaryNode {
    @Specialization(rewriteOn = ArithmeticException.class)
    protected long subtractLongs(long left, long right) {
        return Math.subtractExact(left, right);
    }

    @Specialization(replaces = "subtractLongs")
    protected double subtractDoubles(double left, double right) {
        return left - right;
    }

    @Specialization
    protected DerivativeStructure subtractDuals(DerivativeStructure left, DerivativeStructure right) {
        return Duals.subtract(left, right);
    }

    @Specialization
    protected DerivativeStructure subtractDualNumber(DerivativeStructure left, double right) {
        return Duals.subtract(left, right);
    }

    @Specialization
    protected DerivativeStructure subtractNumberDual(double left, DerivativeStructure right) {
        return Duals.subtract(left, right);
    }

    @Fallback
    protected Object mismatch(Object left, Object right) {
        throw QatException.typeError(this, "cannot subtract %s from %s", right, left);
    }
}
