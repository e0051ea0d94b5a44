package org.qatlas.interpreter.nodes.arithmetic;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.qatlas.interpreter.laws.Duals;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;
import org.qatlas.interpreter.nodes.BinaryNode;
import org.qatlas.interpreter.runtime.QatException;

/**
 * {@code a / b}: always real division (7 / 2 is 3.5). Division by zero follows IEEE 754
 * (inf or nan) as in NumPy, so that a law evaluated at an edge gives inf rather than stopping
 * a whole sweep.
 */
@NodeInfo(shortName = "/")
public abstract class DivideNode extends BinaryNode {
    @Specialization
    protected double divide(double left, double right) {
        return left / right;
    }

    @Specialization
    protected DerivativeStructure divideDuals(DerivativeStructure left, DerivativeStructure right) {
        return Duals.divide(left, right);
    }

    @Specialization
    protected DerivativeStructure divideDualNumber(DerivativeStructure left, double right) {
        return Duals.divide(left, right);
    }

    @Specialization
    protected DerivativeStructure divideNumberDual(double left, DerivativeStructure right) {
        return Duals.divide(left, right);
    }

    @Fallback
    protected Object mismatch(Object left, Object right) {
        throw QatException.typeError(this, "cannot divide %s by %s", left, right);
    }
}
