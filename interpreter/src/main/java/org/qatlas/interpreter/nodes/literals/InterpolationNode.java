package org.qatlas.interpreter.nodes.literals;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.runtime.Display;

/** {@code "loss ${r.loss}"}: the literal pieces and the shown values of the expressions, joined. */
public final class InterpolationNode extends QatExpressionNode {
    @Children private final QatExpressionNode[] parts;

    public InterpolationNode(QatExpressionNode[] parts) {
        this.parts = parts;
    }

    @Override
    @ExplodeLoop
    public Object executeGeneric(VirtualFrame frame) {
        Object[] values = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = parts[i].executeGeneric(frame);
        }
        return join(values);
    }

    @TruffleBoundary
    private static String join(Object[] values) {
        StringBuilder text = new StringBuilder();
        for (Object value : values) {
            text.append(Display.text(value));
        }
        return text.toString();
    }
}
