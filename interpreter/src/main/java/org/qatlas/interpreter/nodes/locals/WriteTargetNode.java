package org.qatlas.interpreter.nodes.locals;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.SourceSection;

/**
 * Something a value can be bound to: a local variable, a top-level name, or a list pattern
 * such as {@code [l, h]} in {@code for [l, h] in sizes}.
 */
public abstract class WriteTargetNode extends Node {
    private SourceSection sourceSection;

    public abstract void executeWrite(VirtualFrame frame, Object value);

    @Override
    public SourceSection getSourceSection() {
        return sourceSection;
    }

    public final WriteTargetNode at(SourceSection section) {
        this.sourceSection = section;
        return this;
    }
}
