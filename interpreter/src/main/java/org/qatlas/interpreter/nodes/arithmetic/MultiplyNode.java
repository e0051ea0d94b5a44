package org.qatlas.interpreter.nodes.arithmetic;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.qatlas.interpreter.laws.Duals;
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

    @Specialization
    protected DerivativeStructure multiplyDuals(DerivativeStructure left, DerivativeStructure right) {
        return Duals.multiply(left, right);
    }

    @Specialization
    protected DerivativeStructure multiplyDualNumber(DerivativeStructure left, double right) {
        return Duals.multiply(left, right);
    }

    @Specialization
    protected DerivativeStructure multiplyNumberDual(double left, DerivativeStructure right) {
        return Duals.multiply(right, left);
    }

    @Fallback
    protected Object mismatch(Object left, Object right) {
        throw QatException.typeError(this, "cannot multiply %s by %s", left, right);
    }
}
