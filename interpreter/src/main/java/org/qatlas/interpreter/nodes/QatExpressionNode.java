package org.qatlas.interpreter.nodes;

import com.oracle.truffle.api.dsl.TypeSystemReference;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.NodeInfo;
import com.oracle.truffle.api.nodes.UnexpectedResultException;
import com.oracle.truffle.api.source.SourceSection;

/**
 * The base of every executable node. Statements are expressions whose value is none, so one
 * base class serves both. Each node knows the source text it came from, for error messages.
 */
@TypeSystemReference(QatTypes.class)
@NodeInfo(language = "qat", description = "a Qatlas expression")
public abstract class QatExpressionNode extends Node {
    private SourceSection sourceSection;

    @Override
    public SourceSection getSourceSection() {
        return sourceSection;
    }

    /** Sets the source text of this node (once, while the tree is built) and returns the node. */
    public final QatExpressionNode at(SourceSection section) {
        this.sourceSection = section;
        return this;
    }

    public abstract Object executeGeneric(VirtualFrame frame);

    public long executeLong(VirtualFrame frame) throws UnexpectedResultException {
        return QatTypesGen.expectLong(executeGeneric(frame));
    }

    public double executeDouble(VirtualFrame frame) throws UnexpectedResultException {
        return QatTypesGen.expectDouble(executeGeneric(frame));
    }

    public boolean executeBoolean(VirtualFrame frame) throws UnexpectedResultException {
        return QatTypesGen.expectBoolean(executeGeneric(frame));
    }
}
