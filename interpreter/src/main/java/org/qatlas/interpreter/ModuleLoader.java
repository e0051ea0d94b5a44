package org.qatlas.interpreter;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleFile;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.Source;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qatlas.interpreter.parser.AstBuilder;
import org.qatlas.interpreter.runtime.GlobalScope;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatRecord;
import org.qatlas.stdlib.modules.BuiltinModules;
import org.qatlas.stdlib.text.Suggestions;

/**
 * Finds, runs and remembers modules: built-in ones by name and script files by path
 * (relative to the importing file, or to the working directory for the REPL). Each module
 * runs once per context in a top-level scope of its own; a cycle of imports is an error.
 */
public final class ModuleLoader {
    private final QatLanguage language;
    private final QatContext context;
    private final Map<String, GlobalScope> loaded = new HashMap<>();
    private final Set<String> loading = new LinkedHashSet<>();

    ModuleLoader(QatLanguage language, QatContext context) {
        this.language = language;
        this.context = context;
    }

    GlobalScope prelude() {
        String text = BuiltinModules.source(BuiltinModules.PRELUDE).orElseThrow();
        return run("module:prelude", Source.newBuilder(QatLanguage.ID, text, "prelude.qat").build(), "prelude", null);
    }

    @TruffleBoundary
    public GlobalScope builtinModule(String name, Node location) {
        String key = "module:" + name;
        if (loaded.containsKey(key)) {
            return loaded.get(key);
        }
        String text = BuiltinModules.source(name).orElseThrow(() -> new QatException("unknown module '" + name + "'"
                + Suggestions.didYouMean(name, BuiltinModules.NAMES) + "; the built-in modules are "
                + String.join(", ", BuiltinModules.NAMES) + " (import a file with import \"path.qat\")", location));
        return run(key, Source.newBuilder(QatLanguage.ID, text, name + ".qat").build(), name, location);
    }

    @TruffleBoundary
    public GlobalScope fileModule(String path, Source importing, Node location) {
        TruffleFile file;
        try {
            TruffleFile base = importing.getPath() == null ? null : context.env().getPublicTruffleFile(importing.getPath()).getParent();
            file = base == null ? context.env().getPublicTruffleFile(path) : base.resolve(path);
            file = file.getAbsoluteFile().normalize();
        } catch (SecurityException | UnsupportedOperationException e) {
            throw new QatException("cannot import \"" + path + "\": this context may not read files", location);
        }
        String key = "file:" + file.getPath();
        if (loaded.containsKey(key)) {
            return loaded.get(key);
        }
        if (!file.isRegularFile()) {
            throw new QatException("cannot import \"" + path + "\": no such file (looked for " + file.getPath() + ")", location);
        }
        Source source;
        try {
            source = Source.newBuilder(QatLanguage.ID, file).build();
        } catch (IOException | SecurityException e) {
            throw new QatException("cannot import \"" + path + "\": " + e.getMessage(), location);
        }
        return run(key, source, file.getName(), location);
    }

    /** The top-level names of a module as a record, for {@code import m} and {@code as}. */
    @TruffleBoundary
    public QatRecord asRecord(GlobalScope module) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : module.userNames()) {
            fields.put(name, module.lookup(name));
        }
        return QatRecord.of(fields);
    }

    private GlobalScope run(String key, Source source, String name, Node location) {
        if (!loading.add(key)) {
            List<String> cycle = new ArrayList<>(loading);
            cycle.add(key);
            throw new QatException("import cycle: " + String.join(" -> ", cycle.subList(cycle.indexOf(key), cycle.size()))
                    .replace("file:", "").replace("module:", ""), location);
        }
        try {
            GlobalScope scope = context.newScope(name);
            AstBuilder.parseProgram(language, source, scope).getCallTarget().call();
            loaded.put(key, scope);
            return scope;
        } finally {
            loading.remove(key);
        }
    }
}
