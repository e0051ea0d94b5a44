package org.qatlas.interpreter.nodes.control;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import java.util.ArrayList;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.runtime.QatList;
import org.qatlas.interpreter.runtime.QatNone;

/** The innermost part of a comprehension: evaluates the element and appends it to the result. */
public final class AppendNode extends QatExpressionNode {
    @Child private QatExpressionNode element;
    private final int resultSlot;

    public AppendNode(QatExpressionNode element, int resultSlot) {
        this.element = element;
        this.resultSlot = resultSlot;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object executeGeneric(VirtualFrame frame) {
        Object value = element.executeGeneric(frame);
        append((ArrayList<Object>) frame.getObject(resultSlot), value);
        return QatNone.INSTANCE;
    }

    @TruffleBoundary
    private static void append(ArrayList<Object> result, Object value) {
        result.add(value);
    }

    @TruffleBoundary
    static QatList toList(ArrayList<Object> result) {
        return new QatList(result.toArray());
    }
}
