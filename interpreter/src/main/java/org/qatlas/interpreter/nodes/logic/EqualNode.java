package org.qatlas.interpreter.nodes.logic;

import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;
import org.qatlas.interpreter.nodes.BinaryNode;
import org.qatlas.interpreter.runtime.Equality;

/** {@code a == b}: structural equality; values of different types are simply unequal. */
@NodeInfo(shortName = "==")
public abstract class EqualNode extends BinaryNode {
    @Specialization
    protected boolean equalLongs(long left, long right) {
        return left == right;
    }

    @Specialization
    protected boolean equalDoubles(double left, double right) {
        return left == right;
    }

    @Specialization
    protected boolean equalBooleans(boolean left, boolean right) {
        return left == right;
    }

    @Specialization(replaces = {"equalLongs", "equalDoubles", "equalBooleans"})
    protected boolean equalValues(Object left, Object right) {
        return Equality.equal(left, right);
    }
}
