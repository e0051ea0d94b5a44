package org.qatlas.interpreter.nodes.locals;

import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.frame.VirtualFrame;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.runtime.QatException;

/** Reads a local variable of the current function. */
public abstract class ReadLocalNode extends QatExpressionNode {
    protected final int slot;
    private final String name;

    protected ReadLocalNode(int slot, String name) {
        this.slot = slot;
        this.name = name;
    }

    @Specialization(guards = "frame.isLong(slot)")
    protected long readLong(VirtualFrame frame) {
        return frame.getLong(slot);
    }

    @Specialization(guards = "frame.isDouble(slot)")
    protected double readDouble(VirtualFrame frame) {
        return frame.getDouble(slot);
    }

    @Specialization(replaces = {"readLong", "readDouble"})
    protected Object readObject(VirtualFrame frame) {
        Object value = frame.getValue(slot);
        if (value == null) {
            throw new QatException("'" + name + "' is used before it is given a value", this);
        }
        return value;
    }
}
