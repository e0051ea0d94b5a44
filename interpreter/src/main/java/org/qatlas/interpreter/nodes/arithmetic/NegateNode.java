package org.qatlas.interpreter.nodes.arithmetic;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.qatlas.interpreter.laws.Duals;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;
import org.qatlas.interpreter.nodes.UnaryNode;
import org.qatlas.interpreter.runtime.QatException;

/** {@code -x}. */
@NodeInfo(shortName = "-")
public abstract class NegateNode extends UnaryNode {
    @Specialization(rewriteOn = ArithmeticException.class)
    protected long negateLong(long value) {
        return Math.negateExact(value);
    }

    @Specialization(replaces = "negateLong")
    protected double negateDouble(double value) {
        return -value;
    }

    @Specialization
    protected DerivativeStructure negateDual(DerivativeStructure value) {
        return Duals.negate(value);
    }

    @Fallback
    protected Object mismatch(Object value) {
        throw QatException.typeError(this, "cannot negate %s", value);
    }
}
