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
        return Context.newBuilder(LANGUAGE)
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
}
