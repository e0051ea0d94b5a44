package org.qatlas.launcher;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.graalvm.polyglot.Context;

/** Creates the polyglot contexts the launcher and the REPL evaluate in. */
public final class QatContexts {

    public static final String LANGUAGE = "qat";

    private QatContexts() {
    }

    /**
     * A context with full host access (scripts read data, write results and call into Java),
     * wired to the given streams. The script's arguments are the language's application
     * arguments.
     */
    public static Context create(InputStream in, OutputStream out, OutputStream err, List<String> arguments) {
        Context.Builder builder = Context.newBuilder(LANGUAGE);
        String runs = runStoreLocation();
        if (!runs.isEmpty()) {
            builder.option("qat.runs", runs);
        }
        return builder
                .allowAllAccess(true)
                .in(in)
                .out(out)
                .err(err)
                .arguments(LANGUAGE, arguments.toArray(String[]::new))
                // Without the optimizing compiler (QAT_JIT=0, or a JDK without JVMCI) Truffle
                // warns on every start; the launcher documents that mode instead.
                .option("engine.WarnInterpreterOnly", "false")
                .build();
    }

    /**
     * Where the command line keeps runs: $QAT_RUNS (a database file, or a folder that keeps
     * runs.db), else ~/.cache/qatlas/runs.db (under $XDG_CACHE_HOME when set); empty for
     * QAT_RUNS=off, which keeps them in memory only. The store imports the JSON run folder of
     * earlier versions, ~/.cache/qatlas/runs beside runs.db, once.
     */
    static String runStoreLocation() {
        String chosen = System.getenv("QAT_RUNS");
        if (chosen != null) {
            return chosen.equals("off") ? "" : chosen;
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        java.nio.file.Path base = cache != null && !cache.isEmpty() ? java.nio.file.Path.of(cache)
                : java.nio.file.Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("qatlas").resolve("runs.db").toString();
    }
}
