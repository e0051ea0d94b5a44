package org.qatlas.interpreter.nodes.calls;

import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.frame.VirtualFrame;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.runtime.QatFunction;
import org.qatlas.interpreter.runtime.Signature;

/**
 * Makes a function value where {@code fn} or a lambda appears. A function that reads
 * variables of the function around it captures that function's frame; others capture none,
 * which keeps the surrounding frame cheap.
 */
public final class FunctionValueNode extends QatExpressionNode {
    private final String name;
    private final Signature signature;
    private final RootCallTarget callTarget;
    private final boolean capturesFrame;
    private final String doc;

    public FunctionValueNode(String name, Signature signature, RootCallTarget callTarget, boolean capturesFrame, String doc) {
        this.name = name;
        this.signature = signature;
        this.callTarget = callTarget;
        this.capturesFrame = capturesFrame;
        this.doc = doc;
    }

    @Override
    public Object executeGeneric(VirtualFrame frame) {
        return new QatFunction(name, signature, callTarget, capturesFrame ? frame.materialize() : null, doc);
    }
}
