package org.qatlas.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.Terminal.SignalHandler;
import org.qatlas.launcher.ScriptSources.UnreadableScript;

/**
 * The interactive session: reads input with JLine (history, completion, multi-line input
 * while brackets are open), evaluates it in one long-lived context, and prints the value or
 * the error. An error or a Ctrl-C ends the evaluation, never the session.
 *
 * <p>Evaluation runs on the thread that called {@link #run}. Ctrl-C then arrives as a
 * terminal signal on another thread, which calls {@link #interrupt}; tests call it directly.
 */
public final class Repl {

    public static final String PROMPT = "qat> ";
    public static final String CONTINUATION_PROMPT = "...> ";

    /** How long Ctrl-C waits for a running evaluation to reach a point where it can stop. */
    private static final Duration INTERRUPT_TIMEOUT = Duration.ofSeconds(10);

    private final Terminal terminal;
    private final Context context;
    private final LineReader reader;
    private final boolean debug;
    private int inputCount;
    private volatile int evaluationsStarted;
    private volatile boolean evaluating;

    public Repl(Terminal terminal, Context context, Path historyFile, boolean debug) {
        this.terminal = terminal;
        this.context = context;
        this.debug = debug;
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .appName("qat")
                .terminal(terminal)
                .parser(new ReplParser())
                .completer(new ReplCompleter(context))
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION_PROMPT)
                .variable(LineReader.INDENTATION, 2)
                // '!' is the language's "not equal", not a request to expand history.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        this.reader = builder.build();
        ClosingBracket.install(reader);
    }

    /**
     * Where the history lives: the system property {@code qat.history}, else the environment
     * variable {@code QAT_HISTORY}, else {@code ~/.qat_history}. An empty value turns
     * persistent history off (null).
     */
    public static Path defaultHistoryFile() {
        String configured = System.getProperty("qat.history", System.getenv("QAT_HISTORY"));
        if (configured == null) {
            return Path.of(System.getProperty("user.home"), ".qat_history");
        }
        return configured.isBlank() ? null : Path.of(configured);
    }

    /** Reads and evaluates until :quit or end of input; returns the exit status. */
    public int run() {
        SignalHandler previous = terminal.handle(Signal.INT, signal -> interruptInBackground());
        try {
            println(Usage.versionLine() + "  (:help for help, Ctrl-D to leave)");
            while (true) {
                String input;
                try {
                    input = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt discards the line being typed
                } catch (EndOfFileException e) {
                    println(""); // Ctrl-D leaves the cursor after the prompt
                    return Main.OK;
                }
                if (input.isBlank()) {
                    continue;
                }
                OptionalInt exitStatus = ReplCommand.isCommand(input)
                        ? runCommand(ReplCommand.parse(input))
                        : evaluate(ScriptSources.text(input, "<repl:" + ++inputCount + ">"), true);
                if (exitStatus.isPresent()) {
                    return exitStatus.getAsInt();
                }
            }
        } finally {
            terminal.handle(Signal.INT, previous);
            saveHistory();
        }
    }

    /** True while an input is being evaluated (what Ctrl-C would stop). */
    public boolean isEvaluating() {
        return evaluating;
    }

    /** How many evaluations (inputs and :load files) have begun; lets tests pick one. */
    int evaluationsStarted() {
        return evaluationsStarted;
    }

    /**
     * Stops the running evaluation, if any, and keeps the context and its bindings. Safe to
     * call from any thread other than the evaluating one; blocks until the evaluation stopped.
     */
    public void interrupt() {
        if (!evaluating) {
            return;
        }
        try {
            context.interrupt(INTERRUPT_TIMEOUT);
        } catch (TimeoutException e) {
            println("qat: the evaluation did not stop within " + INTERRUPT_TIMEOUT.toSeconds()
                    + " s; press Ctrl-C again to retry");
        } catch (IllegalStateException e) {
            // The context was closed meanwhile; there is nothing left to stop.
        }
    }

    /** Signal handlers must return quickly; the interruption may take a moment. */
    private void interruptInBackground() {
        Thread.ofPlatform().daemon().name("qat-interrupt").start(this::interrupt);
    }

    private OptionalInt runCommand(ReplCommand command) {
        switch (command.name()) {
            case ReplCommand.QUIT, ReplCommand.QUIT_SHORT -> {
                return OptionalInt.of(Main.OK);
            }
            case ReplCommand.HELP -> println(ReplCommand.HELP_TEXT);
            case ReplCommand.LOAD -> {
                if (command.argument().isEmpty()) {
                    println("usage: :load FILE");
                    return OptionalInt.empty();
                }
                try {
                    return evaluate(ScriptSources.file(command.argumentAsPath()), false);
                } catch (UnreadableScript e) {
                    println("qat: " + e.getMessage());
                }
            }
            default -> println("unknown command '" + command.name() + "'; :help lists the commands");
        }
        return OptionalInt.empty();
    }

    /** Evaluates one input; returns an exit status only when the program asked to exit. */
    private OptionalInt evaluate(Source source, boolean printValue) {
        evaluationsStarted++;
        evaluating = true;
        try {
            Value value = context.eval(source);
            if (printValue && !value.isNull()) {
                println(value.toString());
            }
        } catch (PolyglotException e) {
            if (e.isExit()) {
                return OptionalInt.of(e.getExitStatus());
            }
            flushProgramOutput();
            println(ErrorReport.format(e, debug));
        } finally {
            evaluating = false;
            flushProgramOutput();
        }
        return OptionalInt.empty();
    }

    /**
     * The program prints through the context's streams, which in the launcher are the
     * process's; flush them so their text comes before the next prompt.
     */
    private static void flushProgramOutput() {
        System.out.flush();
        System.err.flush();
    }

    private void println(String text) {
        PrintWriter writer = terminal.writer();
        writer.println(text);
        writer.flush();
    }

    private void saveHistory() {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            println("qat: cannot save the history: " + e.getMessage());
        }
    }
}
