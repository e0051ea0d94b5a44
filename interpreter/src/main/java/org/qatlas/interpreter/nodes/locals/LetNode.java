package org.qatlas.interpreter.nodes.locals;

import com.oracle.truffle.api.frame.VirtualFrame;
import org.qatlas.interpreter.nodes.QatExpressionNode;

/** Evaluates a value, keeps it in a hidden slot for later use, and passes it on. */
public final class LetNode extends QatExpressionNode {
    @Child private WriteTargetNode slot;
    @Child private QatExpressionNode value;

    public LetNode(WriteTargetNode slot, QatExpressionNode value) {
        this.slot = slot;
        this.value = value;
    }

    @Override
    public Object executeGeneric(VirtualFrame frame) {
        Object result = value.executeGeneric(frame);
        slot.executeWrite(frame, result);
        return result;
    }
}
