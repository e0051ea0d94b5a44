package org.qatlas.interpreter.nodes.logic;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.UnexpectedResultException;
import com.oracle.truffle.api.profiles.CountingConditionProfile;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.Values;

/** {@code a and b}, {@code a or b}: the right side runs only when it decides the result. */
public final class ShortCircuitNode extends QatExpressionNode {
    @Child private QatExpressionNode left;
    @Child private QatExpressionNode right;
    /** True for 'and' (stop on false), false for 'or' (stop on true). */
    private final boolean isAnd;
    private final CountingConditionProfile decidedByLeft = CountingConditionProfile.create();

    public ShortCircuitNode(QatExpressionNode left, QatExpressionNode right, boolean isAnd) {
        this.left = left;
        this.right = right;
        this.isAnd = isAnd;
    }

    @Override
    public boolean executeBoolean(VirtualFrame frame) {
        boolean first = operand(left, frame);
        if (decidedByLeft.profile(first != isAnd)) {
            return first;
        }
        return operand(right, frame);
    }

    @Override
    public Object executeGeneric(VirtualFrame frame) {
        return executeBoolean(frame);
    }

    private boolean operand(QatExpressionNode node, VirtualFrame frame) {
        try {
            return node.executeBoolean(frame);
        } catch (UnexpectedResultException e) {
            throw new QatException("'" + (isAnd ? "and" : "or") + "' needs booleans, not "
                    + Values.describe(e.getResult()), node);
        }
    }
}
