package org.qatlas.interpreter.nodes.control;

import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.source.SourceSection;
import org.qatlas.interpreter.QatLanguage;

/**
 * The top level of a script, a REPL input or an imported module. Its value is that of the
 * last statement when it is an expression, which is what {@code qat -e} and the REPL print.
 */
public final class ProgramRootNode extends RootNode {
    @Child private BlockNode body;
    private final Source source;

    public ProgramRootNode(QatLanguage language, FrameDescriptor frame, BlockNode body, Source source) {
        super(language, frame);
        this.body = body;
        this.source = source;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        return body.executeGeneric(frame);
    }

    @Override
    public String getName() {
        return "<top level>";
    }

    @Override
    public SourceSection getSourceSection() {
        return source.createSection(0, source.getLength());
    }
}
