package org.qatlas.interpreter;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.TruffleFile;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.Source;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.interpreter.parser.AstBuilder;
import org.qatlas.interpreter.parser.SavedLawSyntax;
import org.qatlas.interpreter.runtime.GlobalScope;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatRecord;
import org.qatlas.interpreter.runtime.QatSyntaxError;
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
    /** The modules being loaded now, outermost first: key to the name errors show for it. */
    private final Map<String, String> loading = new LinkedHashMap<>();

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
        } catch (InvalidPathException e) {
            // A character no file name may hold, such as NUL: an error in the script.
            throw new QatException("cannot import \"" + path + "\": not a valid path (" + e.getReason() + ")", location);
        }
        String key = "file:" + file.getPath();
        if (loaded.containsKey(key)) {
            return loaded.get(key);
        }
        boolean found;
        try {
            found = file.isRegularFile();
        } catch (SecurityException e) {
            throw new QatException("cannot import \"" + path + "\": this context may not read files", location);
        }
        if (!found) {
            throw new QatException("cannot import \"" + path + "\": no such file (looked for " + file.getPath() + ")", location);
        }
        Source source;
        try {
            source = Source.newBuilder(QatLanguage.ID, file).name(shownName(path, importing)).build();
        } catch (IOException | SecurityException e) {
            throw new QatException("cannot import \"" + path + "\": " + e.getMessage(), location);
        }
        return run(key, source, file.getName(), location);
    }

    /**
     * Declares a saved law's source text in a scope of its own, not remembered as a module.
     * The text must be one law declaration and nothing else ({@link SavedLawSyntax}); errors
     * in it are reported against {@code origin}.
     *
     * @throws IllegalArgumentException when the text holds anything but a law declaration
     */
    @TruffleBoundary
    public GlobalScope declareSavedLaw(String text, String origin) {
        GlobalScope scope = context.newScope(origin);
        Source source = Source.newBuilder(QatLanguage.ID, text, origin).build();
        SavedLawSyntax.parse(language, source, scope).getCallTarget().call();
        return scope;
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

    /**
     * How errors name an imported file: its path as seen from where the importing file was
     * named, so that a module imported by {@code examples/sweep.qat} as {@code "lib/util.qat"}
     * reads {@code examples/lib/util.qat:3:5}, a path the user can open, rather than a bare
     * {@code util.qat}.
     */
    private static String shownName(String path, Source importing) {
        try {
            return Path.of(importing.getName()).resolveSibling(path).normalize().toString();
        } catch (InvalidPathException e) {
            return path;
        }
    }

    private GlobalScope run(String key, Source source, String name, Node location) {
        if (loading.containsKey(key)) {
            List<String> keys = new ArrayList<>(loading.keySet());
            List<String> cycle = new ArrayList<>();
            for (String member : keys.subList(keys.indexOf(key), keys.size())) {
                cycle.add(loading.get(member));
            }
            cycle.add(source.getName());
            throw new QatException("import cycle: " + String.join(" -> ", cycle), location);
        }
        loading.put(key, source.getName());
        try {
            GlobalScope scope = context.newScope(name);
            RootCallTarget target;
            try {
                target = AstBuilder.parseProgram(language, source, scope).getCallTarget();
            } catch (QatSyntaxError e) {
                throw location == null ? e : e.raisedAt(location);
            }
            // Called through the import node, so that an error inside the module lists the
            // import lines that led to it in its call chain.
            if (location == null) {
                target.call(); // the prelude, loaded before any script runs
            } else {
                target.call(location);
            }
            loaded.put(key, scope);
            return scope;
        } finally {
            loading.remove(key);
        }
    }
}
