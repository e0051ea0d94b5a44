package org.qatlas.interpreter.nodes.calls;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import org.qatlas.interpreter.nodes.QatExpressionNode;

/**
 * {@code f(a, b, key: value)}: evaluates the callee, then the arguments left to right, and
 * hands them to the dispatch node, which matches them to parameters and calls.
 */
public final class CallNode extends QatExpressionNode {
    @Child private QatExpressionNode callee;
    @Children private final QatExpressionNode[] arguments;
    @Child private DispatchNode dispatch;

    /** @param argumentNames per argument, its name or null for a positional one */
    public CallNode(QatExpressionNode callee, QatExpressionNode[] arguments, String[] argumentNames) {
        this.callee = callee;
        this.arguments = arguments;
        this.dispatch = DispatchNodeGen.create(argumentNames);
    }

    @Override
    @ExplodeLoop
    public Object executeGeneric(VirtualFrame frame) {
        Object function = callee.executeGeneric(frame);
        Object[] values = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            values[i] = arguments[i].executeGeneric(frame);
        }
        return dispatch.execute(function, values);
    }
}
