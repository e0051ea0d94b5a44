package org.qatlas.interpreter.nodes.literals;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.runtime.QatList;

/** {@code [a, b, c]}: evaluates the elements left to right into a new list. */
public final class ListLiteralNode extends QatExpressionNode {
    @Children private final QatExpressionNode[] elements;

    public ListLiteralNode(QatExpressionNode[] elements) {
        this.elements = elements;
    }

    @Override
    @ExplodeLoop
    public Object executeGeneric(VirtualFrame frame) {
        Object[] values = new Object[elements.length];
        for (int i = 0; i < elements.length; i++) {
            values[i] = elements[i].executeGeneric(frame);
        }
        return new QatList(values);
    }
}
