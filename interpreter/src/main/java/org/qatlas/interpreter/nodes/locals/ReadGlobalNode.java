package org.qatlas.interpreter.nodes.locals;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import java.util.ArrayList;
import java.util.List;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.runtime.GlobalCell;
import org.qatlas.interpreter.runtime.GlobalScope;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.stdlib.text.Suggestions;

/**
 * Reads a top-level name (or a built-in). A name that has been bound only once is read as a
 * compile-time constant, guarded by its cell's assumption; rebinding it deoptimizes.
 */
public final class ReadGlobalNode extends QatExpressionNode {
    private final GlobalScope scope;
    private final String name;
    /** Names of locals visible here, only to suggest one when the name is unknown. */
    private final List<String> visibleLocals;
    @CompilationFinal private GlobalCell cell;
    @CompilationFinal private Object constant;

    public ReadGlobalNode(GlobalScope scope, String name, List<String> visibleLocals) {
        this.scope = scope;
        this.name = name;
        this.visibleLocals = visibleLocals;
    }

    @Override
    public Object executeGeneric(VirtualFrame frame) {
        if (cell == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            cell = scope.cell(name);
        }
        if (constant != null && cell.singleValue().isValid()) {
            return constant;
        }
        Object value = cell.value();
        if (value == null) {
            throw unknownName();
        }
        if (constant == null && cell.singleValue().isValid()) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            constant = value;
        }
        return value;
    }

    @TruffleBoundary
    private QatException unknownName() {
        List<String> candidates = new ArrayList<>(visibleLocals);
        candidates.addAll(scope.boundNames());
        return new QatException("unknown name '" + name + "'" + Suggestions.didYouMean(name, candidates), this);
    }
}
