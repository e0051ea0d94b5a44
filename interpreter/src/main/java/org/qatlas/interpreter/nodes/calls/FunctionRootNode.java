package org.qatlas.interpreter.nodes.calls;

import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.SourceSection;
import org.qatlas.interpreter.QatLanguage;
import org.qatlas.interpreter.nodes.QatExpressionNode;

/**
 * The code of a function written in Qatlas (a named function, a lambda or a law): binds the
 * parameters, runs the body, and returns its value or the value of a {@code return}.
 */
public final class FunctionRootNode extends RootNode {
    @Children private final BindParameterNode[] parameters;
    @Child private QatExpressionNode body;
    private final String name;
    private final SourceSection sourceSection;

    public FunctionRootNode(QatLanguage language, FrameDescriptor frame, BindParameterNode[] parameters,
            QatExpressionNode body, String name, SourceSection sourceSection) {
        super(language, frame);
        this.parameters = parameters;
        this.body = body;
        this.name = name;
        this.sourceSection = sourceSection;
    }

    @Override
    @ExplodeLoop
    public Object execute(VirtualFrame frame) {
        for (BindParameterNode parameter : parameters) {
            parameter.execute(frame);
        }
        try {
            return body.executeGeneric(frame);
        } catch (ReturnException e) {
            return e.value();
        }
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public SourceSection getSourceSection() {
        return sourceSection;
    }

    @Override
    public String toString() {
        return name;
    }
}
