package org.qatlas.interpreter.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.runtime.QatNone;

/**
 * Statements in order. The value of a block is the value of its last statement when that is
 * an expression (what the REPL and {@code qat -e} show), else none.
 */
public final class BlockNode extends QatExpressionNode {
    @Children private final QatExpressionNode[] statements;
    private final boolean lastIsValue;

    public BlockNode(QatExpressionNode[] statements, boolean lastIsValue) {
        this.statements = statements;
        this.lastIsValue = lastIsValue;
    }

    @Override
    @ExplodeLoop
    public Object executeGeneric(VirtualFrame frame) {
        Object last = QatNone.INSTANCE;
        for (QatExpressionNode statement : statements) {
            last = statement.executeGeneric(frame);
        }
        return lastIsValue ? last : QatNone.INSTANCE;
    }
}
