package org.qatlas.interpreter.nodes.locals;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.Sequence;
import org.qatlas.interpreter.runtime.Values;

/** {@code [a, b]} as a target: takes a list of exactly as many elements and binds each. */
public final class DestructureNode extends WriteTargetNode {
    @Children private final WriteTargetNode[] parts;

    public DestructureNode(WriteTargetNode[] parts) {
        this.parts = parts;
    }

    @Override
    @ExplodeLoop
    public void executeWrite(VirtualFrame frame, Object value) {
        if (!(value instanceof Sequence sequence)) {
            throw new QatException("cannot unpack " + Values.describe(value) + " into " + parts.length + " names", this);
        }
        if (sequence.size() != parts.length) {
            throw new QatException("cannot unpack a list of " + sequence.size() + " into " + parts.length + " names", this);
        }
        for (int i = 0; i < parts.length; i++) {
            parts[i].executeWrite(frame, sequence.get(i));
        }
    }
}
