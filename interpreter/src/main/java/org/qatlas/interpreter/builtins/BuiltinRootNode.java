package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;
import org.qatlas.interpreter.QatLanguage;
import org.qatlas.interpreter.nodes.QatExpressionNode;

/** The call target of a built-in function. */
final class BuiltinRootNode extends RootNode {
    @Child private QatExpressionNode body;
    private final String name;

    BuiltinRootNode(QatLanguage language, QatExpressionNode body, String name) {
        super(language);
        this.body = body;
        this.name = name;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        return body.executeGeneric(frame);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isInternal() {
        return false;
    }
}
