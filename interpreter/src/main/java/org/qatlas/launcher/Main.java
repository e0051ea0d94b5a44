package org.qatlas.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.qatlas.launcher.CommandLine.Evaluate;
import org.qatlas.launcher.CommandLine.Interactive;
import org.qatlas.launcher.CommandLine.ListRuns;
import org.qatlas.launcher.CommandLine.RunFile;
import org.qatlas.launcher.CommandLine.ShowHelp;
import org.qatlas.launcher.CommandLine.ShowVersion;
import org.qatlas.launcher.CommandLine.UsageException;
import org.qatlas.launcher.ScriptSources.UnreadableScript;

/**
 * The {@code qat} command: runs a script, evaluates an expression, starts the REPL, or lists the
 * run store.
 * All the work happens in {@link #run}, which returns the exit status instead of exiting, so
 * tests drive the launcher in-process.
 */
public final class Main {

    public static final int OK = 0;
    public static final int SCRIPT_ERROR = 1;
    public static final int USAGE_ERROR = 2;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    /** Whether standard input is a terminal a person types into (then: the REPL). */
    private final BooleanSupplier interactive;

    private Main(InputStream in, PrintStream out, PrintStream err, BooleanSupplier interactive) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    public static void main(String[] args) {
        int status = new Main(System.in, System.out, System.err, StandardInput::isTerminal).execute(args);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /** Runs the launcher with standard input that is not a terminal; returns the exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return new Main(in, out, err, () -> false).execute(args);
    }

    private int execute(String[] args) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println("qat: " + e.getMessage());
            err.println("run 'qat --help' for usage");
            return USAGE_ERROR;
        }
        boolean debug = commandLine.debug();
        try {
            return switch (commandLine.command()) {
                case ShowHelp help -> {
                    out.print(Usage.HELP);
                    yield OK;
                }
                case ShowVersion version -> {
                    out.println(Usage.versionLine());
                    yield OK;
                }
                case RunFile run -> runScript(scriptSource(run.file()), run.arguments(), debug);
                case ListRuns runs -> RunsCommand.run(runs.arguments(), QatContexts.runStoreLocation(), out, err);
                case Evaluate evaluate ->
                        evaluateExpression(evaluate.expression(), evaluate.arguments(), debug);
                case Interactive ignored -> interactive.getAsBoolean()
                        ? startRepl(debug)
                        : runScript(ScriptSources.stdin(in), List.of(), debug);
            };
        } catch (UnreadableScript e) {
            err.println("qat: " + e.getMessage());
            return USAGE_ERROR;
        } catch (RuntimeException e) {
            // A failure outside any evaluation: the language missing from the class path, a
            // broken terminal. Not the script's fault, so reported like an internal error.
            err.println("qat: internal error: " + e.getMessage());
            err.println(debug ? ErrorReport.javaStackTrace(e) : ErrorReport.DEBUG_HINT);
            return SCRIPT_ERROR;
        }
    }

    private Source scriptSource(String file) throws UnreadableScript {
        return file.equals("-") ? ScriptSources.stdin(in) : ScriptSources.file(file);
    }

    private int runScript(Source source, List<String> arguments, boolean debug) {
        try (Context context = QatContexts.create(in, out, err, arguments)) {
            return evaluate(context, source, debug, false);
        }
    }

    private int evaluateExpression(String expression, List<String> arguments, boolean debug) {
        try (Context context = QatContexts.create(in, out, err, arguments)) {
            return evaluate(context, ScriptSources.text(expression, "<expr>"), debug, true);
        }
    }

    /** Evaluates, reports an error if there is one, and returns the exit status. */
    private int evaluate(Context context, Source source, boolean debug, boolean printResult) {
        try {
            Value result = context.eval(source);
            if (printResult && !result.isNull()) {
                out.println(result);
            }
            return OK;
        } catch (PolyglotException e) {
            if (e.isExit()) {
                return e.getExitStatus();
            }
            out.flush();
            err.println(ErrorReport.format(e, debug));
            return SCRIPT_ERROR;
        }
    }

    private int startRepl(boolean debug) {
        // The REPL talks on standard error when standard output is redirected (qat | tee log).
        try (Terminal terminal = TerminalBuilder.builder().system(true)
                        .systemOutput(TerminalBuilder.SystemOutput.SysOutOrSysErr).build();
                Context context = QatContexts.create(in, out, err, List.of())) {
            return new Repl(terminal, context, Repl.defaultHistoryFile(), debug).run();
        } catch (IOException e) {
            err.println("qat: cannot open the terminal: " + e.getMessage());
            return SCRIPT_ERROR;
        }
    }
}
