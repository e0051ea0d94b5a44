package org.qatlas.interpreter.nodes.locals;

import com.oracle.truffle.api.frame.Frame;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.runtime.QatException;

/**
 * Reads a variable of an enclosing function from inside a lambda or nested function: it
 * follows the chain of captured frames {@code depth} steps out (each function receives the
 * frame it closes over as argument 0).
 */
public final class ReadOuterLocalNode extends QatExpressionNode {
    private final int depth;
    private final int slot;
    private final String name;

    public ReadOuterLocalNode(int depth, int slot, String name) {
        this.depth = depth;
        this.slot = slot;
        this.name = name;
    }

    @Override
    @ExplodeLoop
    public Object executeGeneric(VirtualFrame frame) {
        Frame outer = frame;
        for (int i = 0; i < depth; i++) {
            outer = (Frame) outer.getArguments()[0];
        }
        Object value = outer.getValue(slot);
        if (value == null) {
            throw new QatException("'" + name + "' is used before it is given a value", this);
        }
        return value;
    }
}
