package org.qatlas.interpreter.nodes.calls;

import com.oracle.truffle.api.frame.VirtualFrame;
import org.qatlas.interpreter.nodes.QatExpressionNode;

/** {@code return value}. */
public final class ReturnNode extends QatExpressionNode {
    @Child private QatExpressionNode value;

    public ReturnNode(QatExpressionNode value) {
        this.value = value;
    }

    @Override
    public Object executeGeneric(VirtualFrame frame) {
        throw new ReturnException(value.executeGeneric(frame));
    }
}
