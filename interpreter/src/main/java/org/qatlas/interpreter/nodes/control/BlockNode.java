package org.qatlas.interpreter.nodes.control;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatNone;

/**
 * Statements in order. The value of a block is the value of its last statement when that is
 * an expression (what the REPL and {@code qat -e} show), else none.
 */
public final class BlockNode extends QatExpressionNode {
    @Children private final QatExpressionNode[] statements;
    private final boolean lastIsValue;

    /** Whether a Java stack overflow in a statement becomes an error located at it. */
    @CompilationFinal private boolean guardsStackOverflow;

    public BlockNode(QatExpressionNode[] statements, boolean lastIsValue) {
        this.statements = statements;
        this.lastIsValue = lastIsValue;
    }

    /**
     * Makes this block, the top level of a file, report a Java stack overflow in one of its
     * statements (an expression nested thousands deep) as an error at that statement, instead
     * of letting it escape the interpreter. Deep recursion is caught earlier, at the call that
     * overflowed (see DispatchNode).
     */
    public void guardStackOverflow() {
        this.guardsStackOverflow = true;
    }

    @Override
    @ExplodeLoop
    public Object executeGeneric(VirtualFrame frame) {
        Object last = QatNone.INSTANCE;
        for (QatExpressionNode statement : statements) {
            if (guardsStackOverflow) {
                try {
                    last = statement.executeGeneric(frame);
                } catch (StackOverflowError e) {
                    throw nestedTooDeeply(statement);
                }
            } else {
                last = statement.executeGeneric(frame);
            }
        }
        return lastIsValue ? last : QatNone.INSTANCE;
    }

    @TruffleBoundary
    private static QatException nestedTooDeeply(QatExpressionNode statement) {
        return new QatException("nested too deeply (the interpreter ran out of stack); split the expression up", statement);
    }
}
