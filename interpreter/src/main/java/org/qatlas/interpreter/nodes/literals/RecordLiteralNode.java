package org.qatlas.interpreter.nodes.literals;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.runtime.QatRecord;
import org.qatlas.interpreter.runtime.RecordShape;

/** {@code { N: 74M, D: 10B }}: every record made here shares one shape. */
public final class RecordLiteralNode extends QatExpressionNode {
    private final RecordShape shape;
    @Children private final QatExpressionNode[] values;

    public RecordLiteralNode(RecordShape shape, QatExpressionNode[] values) {
        this.shape = shape;
        this.values = values;
    }

    @Override
    @ExplodeLoop
    public Object executeGeneric(VirtualFrame frame) {
        Object[] fieldValues = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            fieldValues[i] = values[i].executeGeneric(frame);
        }
        return new QatRecord(shape, fieldValues);
    }
}
