package org.qatlas.interpreter.nodes.locals;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import org.qatlas.interpreter.runtime.GlobalCell;
import org.qatlas.interpreter.runtime.GlobalScope;

/** Binds a top-level name. */
public final class WriteGlobalNode extends WriteTargetNode {
    private final GlobalScope scope;
    private final String name;
    @CompilationFinal private GlobalCell cell;

    public WriteGlobalNode(GlobalScope scope, String name) {
        this.scope = scope;
        this.name = name;
    }

    @Override
    public void executeWrite(VirtualFrame frame, Object value) {
        if (cell == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            cell = scope.cell(name);
        }
        cell.set(value);
    }
}
