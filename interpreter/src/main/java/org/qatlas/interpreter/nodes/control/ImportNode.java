package org.qatlas.interpreter.nodes.control;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.source.Source;
import org.qatlas.interpreter.QatContext;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.runtime.GlobalScope;
import org.qatlas.interpreter.runtime.QatNone;

/**
 * {@code import "other.qat"} binds every top-level name of that file here;
 * {@code import "other.qat" as o} binds them as fields of a record {@code o};
 * {@code import chen2025} binds the built-in module as a record of that name. A module runs
 * once per context, however often it is imported.
 */
public final class ImportNode extends QatExpressionNode {
    private final GlobalScope importer;
    private final String module;
    private final String path;
    private final String alias;
    private final Source importingSource;

    private ImportNode(GlobalScope importer, String module, String path, String alias, Source importingSource) {
        this.importer = importer;
        this.module = module;
        this.path = path;
        this.alias = alias;
        this.importingSource = importingSource;
    }

    public static ImportNode module(GlobalScope importer, String module, String alias) {
        return new ImportNode(importer, module, null, alias, null);
    }

    public static ImportNode file(GlobalScope importer, String path, String alias, Source importingSource) {
        return new ImportNode(importer, null, path, alias, importingSource);
    }

    @Override
    public Object executeGeneric(VirtualFrame frame) {
        bind(QatContext.get(this));
        return QatNone.INSTANCE;
    }

    @TruffleBoundary
    private void bind(QatContext context) {
        GlobalScope loaded = module != null
                ? context.modules().builtinModule(module, this)
                : context.modules().fileModule(path, importingSource, this);
        if (alias != null) {
            importer.define(alias, context.modules().asRecord(loaded));
        } else {
            for (String name : loaded.userNames()) {
                importer.define(name, loaded.lookup(name));
            }
        }
    }
}
