package org.qatlas.interpreter;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.nodes.Node;
import org.qatlas.interpreter.builtins.Builtins;
import org.qatlas.interpreter.runtime.GlobalScope;
import org.qatlas.interpreter.runtime.QatList;
import org.qatlas.stdlib.backend.Backends;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.train.RunStore;
import org.qatlas.stdlib.value.Fields;

/**
 * The state of one running Qatlas context: the built-ins, the top-level scope of the main
 * script (kept across REPL inputs, with {@code args}: the script's command-line arguments),
 * the modules loaded so far, and where output goes.
 */
public final class QatContext {
    private RunStore runStore;
    private final Env env;
    private final ContextFiles files;
    private final Map<String, Object> builtins;
    private final GlobalScope mainScope;
    private final ModuleLoader modules;
    private final PrintStream output;

    QatContext(QatLanguage language, Env env) {
        this.env = env;
        this.files = new ContextFiles(env);
        this.builtins = new LinkedHashMap<>(Builtins.create(language, files));
        this.output = new PrintStream(env.out(), true, StandardCharsets.UTF_8);
        this.modules = new ModuleLoader(language, this);
        this.mainScope = new GlobalScope("main", builtins);
        this.mainScope.defineBuiltin("args", QatList.of(java.util.List.of(env.getApplicationArguments())));
    }

    /**
     * Where train() keeps runs: the database file (or folder) of the qat.runs option, or this
     * context's memory. Only the embedding program sets the option (a script cannot), so the
     * store is opened with the host's own file access; contexts and processes share runs only
     * through a file they all name. A file that is not a run store is refused here, at the first
     * train.
     */
    public RunStore runStore() {
        if (runStore == null) {
            String location = env.getOptions().get(QatLanguage.RUNS);
            runStore = location.isEmpty() ? RunStore.inMemory() : RunStore.open(Path.of(location));
        }
        return runStore;
    }

    /**
     * The backend a run of {@code caller} (train, train_all) computes on: the one its backend
     * argument names (a Java value, null when not given), else the qat.backend option, else the
     * process's standard one ({@link Backends#standardName()}). An unknown name is refused here.
     */
    public String backend(Object requested, String caller) {
        if (requested != null) {
            return Backends.checkName(Fields.string(caller, "backend", requested), caller + ": backend");
        }
        String option = env.getOptions().get(QatLanguage.BACKEND);
        return option.isBlank() ? Backends.standardName() : Backends.checkName(option, "option qat.backend");
    }

    /** Closes the run store, if one was opened: its claims are given up and its file closed. */
    void dispose() {
        if (runStore != null) {
            runStore.close();
        }
    }

    /** The files scripts may touch, as the embedder's IO policy allows. */
    public FileAccess files() {
        return files;
    }

    public static QatContext get(Node node) {
        return QatLanguage.context(node);
    }

    /** Runs the prelude and makes its functions built-ins of every scope made afterwards. */
    void loadPrelude() {
        GlobalScope prelude = modules.prelude();
        for (String name : prelude.userNames()) {
            builtins.put(name, prelude.lookup(name));
            mainScope.defineBuiltin(name, prelude.lookup(name));
        }
    }

    public Env env() {
        return env;
    }

    public GlobalScope mainScope() {
        return mainScope;
    }

    /** A new top-level scope holding the built-ins, for a module. */
    GlobalScope newScope(String name) {
        return new GlobalScope(name, builtins);
    }

    public ModuleLoader modules() {
        return modules;
    }

    public PrintStream output() {
        return output;
    }

    /** Prints a warning, which stops nothing, on the context's error stream. */
    public void warn(String message) {
        PrintStream err = new PrintStream(env.err(), true, java.nio.charset.StandardCharsets.UTF_8);
        err.println(message);
    }
}
