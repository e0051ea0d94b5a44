package org.qatlas.interpreter.nodes.arithmetic;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.qatlas.interpreter.laws.Duals;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;
import org.qatlas.interpreter.nodes.BinaryNode;
import org.qatlas.interpreter.runtime.QatException;

/** {@code a ^ b}: whole powers of whole numbers stay exact while they fit in a long. */
@NodeInfo(shortName = "^")
public abstract class PowerNode extends BinaryNode {
    @Specialization(guards = "exponent >= 0", rewriteOn = ArithmeticException.class)
    protected long powerOfLongs(long base, long exponent) {
        long result = 1;
        long factor = base;
        long remaining = exponent;
        while (remaining > 0) {
            if ((remaining & 1) == 1) {
                result = Math.multiplyExact(result, factor);
            }
            remaining >>= 1;
            if (remaining > 0) {
                factor = Math.multiplyExact(factor, factor);
            }
        }
        return result;
    }

    @Specialization(replaces = "powerOfLongs")
    protected double powerOfDoubles(double base, double exponent) {
        return Math.pow(base, exponent);
    }

    @Specialization
    protected DerivativeStructure powerDuals(DerivativeStructure left, DerivativeStructure right) {
        return Duals.power(left, right);
    }

    @Specialization
    protected DerivativeStructure powerDualNumber(DerivativeStructure left, double right) {
        return Duals.power(left, right);
    }

    @Specialization
    protected DerivativeStructure powerNumberDual(double base, DerivativeStructure exponent) {
        return Duals.power(base, exponent);
    }

    @Fallback
    protected Object mismatch(Object base, Object exponent) {
        throw QatException.typeError(this, "cannot raise %s to the power %s", base, exponent);
    }
}
