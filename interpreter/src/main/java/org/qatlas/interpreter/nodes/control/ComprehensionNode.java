package org.qatlas.interpreter.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
import java.util.ArrayList;
import org.qatlas.interpreter.nodes.QatExpressionNode;

/**
 * {@code [f(x) for x in xs if x > 0]}. The clauses become ordinary for and if nodes nested in
 * one another, with an {@link AppendNode} innermost that adds each element to a list kept in
 * a hidden frame slot.
 */
public final class ComprehensionNode extends QatExpressionNode {
    @Child private QatExpressionNode clauses;
    private final int resultSlot;

    public ComprehensionNode(QatExpressionNode clauses, int resultSlot) {
        this.clauses = clauses;
        this.resultSlot = resultSlot;
    }

    @Override
    public Object executeGeneric(VirtualFrame frame) {
        ArrayList<Object> result = new ArrayList<>();
        frame.setObject(resultSlot, result);
        clauses.executeGeneric(frame);
        frame.setObject(resultSlot, null);
        return AppendNode.toList(result);
    }

}
