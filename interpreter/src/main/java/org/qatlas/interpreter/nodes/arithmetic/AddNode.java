package org.qatlas.interpreter.nodes.arithmetic;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.qatlas.interpreter.laws.Duals;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;
import org.qatlas.interpreter.nodes.BinaryNode;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatList;

/** {@code a + b}: numbers add, strings and lists concatenate. */
@NodeInfo(shortName = "+")
public abstract class AddNode extends BinaryNode {
    @Specialization(rewriteOn = ArithmeticException.class)
    protected long addLongs(long left, long right) {
        return Math.addExact(left, right);
    }

    @Specialization(replaces = "addLongs")
    protected double addDoubles(double left, double right) {
        return left + right;
    }

    @Specialization
    protected DerivativeStructure addDuals(DerivativeStructure left, DerivativeStructure right) {
        return Duals.add(left, right);
    }

    @Specialization
    protected DerivativeStructure addDualNumber(DerivativeStructure left, double right) {
        return Duals.add(left, right);
    }

    @Specialization
    protected DerivativeStructure addNumberDual(double left, DerivativeStructure right) {
        return Duals.add(right, left);
    }

    @Specialization
    @TruffleBoundary
    protected String concatStrings(String left, String right) {
        return left + right;
    }

    @Specialization
    protected QatList concatLists(QatList left, QatList right) {
        return left.concat(right);
    }

    @Fallback
    protected Object mismatch(Object left, Object right) {
        if (left instanceof String || right instanceof String) {
            throw QatException.typeError(this, "cannot add %s and %s; to put a value into a string write \"...${x}...\"", left, right);
        }
        throw QatException.typeError(this, "cannot add %s and %s", left, right);
    }
}
