package org.qatlas.interpreter.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.UnexpectedResultException;
import com.oracle.truffle.api.profiles.CountingConditionProfile;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatNone;
import org.qatlas.interpreter.runtime.Values;

/**
 * {@code if c { } else { }}, and the {@code if} of a comprehension. The condition must be a
 * boolean: Qatlas has no truthiness, so {@code if xs} on a list is an error, not a guess.
 */
public final class IfNode extends QatExpressionNode {
    @Child private QatExpressionNode condition;
    @Child private QatExpressionNode then;
    @Child private QatExpressionNode otherwise;
    private final CountingConditionProfile taken = CountingConditionProfile.create();

    public IfNode(QatExpressionNode condition, QatExpressionNode then, QatExpressionNode otherwise) {
        this.condition = condition;
        this.then = then;
        this.otherwise = otherwise;
    }

    @Override
    public Object executeGeneric(VirtualFrame frame) {
        if (taken.profile(test(frame))) {
            return then.executeGeneric(frame);
        }
        return otherwise == null ? QatNone.INSTANCE : otherwise.executeGeneric(frame);
    }

    private boolean test(VirtualFrame frame) {
        try {
            return condition.executeBoolean(frame);
        } catch (UnexpectedResultException e) {
            throw new QatException("a condition must be true or false, not " + Values.describe(e.getResult()), condition);
        }
    }
}
