package org.qatlas.interpreter.nodes.locals;

import com.oracle.truffle.api.frame.VirtualFrame;
import org.qatlas.interpreter.nodes.QatExpressionNode;

/** The value passed for parameter {@code index}, already matched by the caller. */
public final class ReadArgumentNode extends QatExpressionNode {
    private final int index;

    public ReadArgumentNode(int index) {
        this.index = index;
    }

    @Override
    public Object executeGeneric(VirtualFrame frame) {
        return frame.getArguments()[index + 1];
    }
}
