package org.qatlas.interpreter.nodes.locals;

import com.oracle.truffle.api.frame.VirtualFrame;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.runtime.QatNone;

/** {@code target = value}. A statement: its own value is none. */
public final class AssignNode extends QatExpressionNode {
    @Child private QatExpressionNode value;
    @Child private WriteTargetNode target;

    public AssignNode(WriteTargetNode target, QatExpressionNode value) {
        this.target = target;
        this.value = value;
    }

    @Override
    public Object executeGeneric(VirtualFrame frame) {
        target.executeWrite(frame, value.executeGeneric(frame));
        return QatNone.INSTANCE;
    }
}
