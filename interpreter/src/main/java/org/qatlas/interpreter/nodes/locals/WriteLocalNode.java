package org.qatlas.interpreter.nodes.locals;

import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.frame.VirtualFrame;

/**
 * Binds a local variable (a frame slot). While a slot has only ever held longs, or only
 * doubles, it stores them unboxed; the first value of another type turns it into an object
 * slot for good, so that reads need no type checks in the common case.
 */
public abstract class WriteLocalNode extends WriteTargetNode {
    protected final int slot;

    protected WriteLocalNode(int slot) {
        this.slot = slot;
    }

    @Specialization(guards = "isKind(frame, LONG)")
    protected void writeLong(VirtualFrame frame, long value) {
        frame.getFrameDescriptor().setSlotKind(slot, FrameSlotKind.Long);
        frame.setLong(slot, value);
    }

    @Specialization(guards = "isKind(frame, DOUBLE)", replaces = "writeLong")
    protected void writeDouble(VirtualFrame frame, double value) {
        frame.getFrameDescriptor().setSlotKind(slot, FrameSlotKind.Double);
        frame.setDouble(slot, value);
    }

    @Specialization(replaces = {"writeLong", "writeDouble"})
    protected void writeObject(VirtualFrame frame, Object value) {
        frame.getFrameDescriptor().setSlotKind(slot, FrameSlotKind.Object);
        frame.setObject(slot, value);
    }

    protected static final FrameSlotKind LONG = FrameSlotKind.Long;
    protected static final FrameSlotKind DOUBLE = FrameSlotKind.Double;

    /** The slot is still unused or already of the wanted kind. */
    protected boolean isKind(VirtualFrame frame, FrameSlotKind wanted) {
        FrameSlotKind kind = frame.getFrameDescriptor().getSlotKind(slot);
        return kind == wanted || kind == FrameSlotKind.Illegal;
    }
}
