package org.qatlas.interpreter.nodes.calls;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.profiles.CountingConditionProfile;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.nodes.locals.WriteTargetNode;
import org.qatlas.interpreter.runtime.Signature;

/**
 * Stores one argument in its local variable at function entry; when the caller left the
 * argument out, evaluates the parameter's default first (in the callee, so it can use the
 * parameters before it).
 */
public final class BindParameterNode extends Node {
    private final int index;
    @Child private WriteTargetNode local;
    @Child private QatExpressionNode defaultValue;
    private final CountingConditionProfile missing = CountingConditionProfile.create();

    public BindParameterNode(int index, WriteTargetNode local, QatExpressionNode defaultValue) {
        this.index = index;
        this.local = local;
        this.defaultValue = defaultValue;
    }

    public void execute(VirtualFrame frame) {
        Object value = frame.getArguments()[index + 1];
        if (defaultValue != null && missing.profile(value == Signature.MISSING)) {
            value = defaultValue.executeGeneric(frame);
        }
        local.executeWrite(frame, value);
    }
}
