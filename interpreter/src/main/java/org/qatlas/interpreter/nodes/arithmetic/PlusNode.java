package org.qatlas.interpreter.nodes.arithmetic;

import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;
import org.qatlas.interpreter.nodes.UnaryNode;
import org.qatlas.interpreter.runtime.QatException;

/** {@code +x}: the number itself; anything else is an error. */
@NodeInfo(shortName = "+")
public abstract class PlusNode extends UnaryNode {
    @Specialization
    protected long plusLong(long value) {
        return value;
    }

    @Specialization
    protected double plusDouble(double value) {
        return value;
    }

    @Fallback
    protected Object mismatch(Object value) {
        throw QatException.typeError(this, "unary + needs a number, not %s", value);
    }
}
