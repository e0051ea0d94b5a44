package org.qatlas.launcher;

import java.util.Arrays;
import java.util.List;

/**
 * What the user asked for on the command line. Launcher options come first; everything after
 * the script (or after {@code -e EXPR}) belongs to the script, so {@code qat run f.qat --debug}
 * hands {@code --debug} to the script rather than to the launcher. {@code runs} is a command,
 * like {@code run}: a script of that name runs as {@code qat run runs} or {@code qat ./runs}.
 */
public record CommandLine(Command command, boolean debug) {

    /** The one thing a launcher invocation does. */
    public sealed interface Command {
    }

    /** {@code qat run FILE ARGS...}, {@code qat FILE ARGS...}; FILE "-" is standard input. */
    public record RunFile(String file, List<String> arguments) implements Command {
    }

    /** {@code qat -e EXPR ARGS...}: evaluate and print the value. */
    public record Evaluate(String expression, List<String> arguments) implements Command {
    }

    /** {@code qat runs [NAME=VALUE...] [--csv] [--status S]}: list the run store (see {@link RunsCommand}). */
    public record ListRuns(List<String> arguments) implements Command {
    }

    /** {@code qat}: the REPL, or the script on standard input when that is not a terminal. */
    public record Interactive() implements Command {
    }

    public record ShowHelp() implements Command {
    }

    public record ShowVersion() implements Command {
    }

    /** The command line is malformed; the launcher prints the message and exits with 2. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    public static CommandLine parse(String... args) throws UsageException {
        boolean debug = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--debug" -> debug = true;
                case "-h", "--help" -> {
                    return new CommandLine(new ShowHelp(), debug);
                }
                case "-V", "--version" -> {
                    return new CommandLine(new ShowVersion(), debug);
                }
                case "-e", "--eval" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException("option '" + arg + "' needs an expression");
                    }
                    return new CommandLine(new Evaluate(args[i + 1], rest(args, i + 2)), debug);
                }
                case "run" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException("'run' needs a FILE");
                    }
                    return new CommandLine(new RunFile(args[i + 1], rest(args, i + 2)), debug);
                }
                case "runs" -> {
                    return new CommandLine(new ListRuns(rest(args, i + 1)), debug);
                }
                case "-" -> {
                    return new CommandLine(new RunFile(arg, rest(args, i + 1)), debug);
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown option '" + arg + "'");
                    }
                    return new CommandLine(new RunFile(arg, rest(args, i + 1)), debug);
                }
            }
        }
        return new CommandLine(new Interactive(), debug);
    }

    private static List<String> rest(String[] args, int from) {
        return List.copyOf(Arrays.asList(args).subList(Math.min(from, args.length), args.length));
    }
}
