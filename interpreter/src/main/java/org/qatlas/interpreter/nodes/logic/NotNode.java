package org.qatlas.interpreter.nodes.logic;

import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;
import org.qatlas.interpreter.nodes.UnaryNode;
import org.qatlas.interpreter.runtime.QatException;

/** {@code not x}, on booleans only: Qatlas has no truthiness, so mistakes surface early. */
@NodeInfo(shortName = "not")
public abstract class NotNode extends UnaryNode {
    @Specialization
    protected boolean not(boolean value) {
        return !value;
    }

    @Fallback
    protected Object mismatch(Object value) {
        throw QatException.typeError(this, "'not' needs a boolean, not %s", value);
    }
}
