package org.qatlas.launcher;

import java.util.List;

/**
 * A REPL command such as {@code :load runs/a.qat}: a line whose first non-blank character is
 * ':'. Code never starts with ':', so the two cannot be confused.
 */
record ReplCommand(String name, String argument) {

    static final String HELP = ":help";
    static final String LOAD = ":load";
    static final String QUIT = ":quit";
    static final String QUIT_SHORT = ":q";

    /** Offered by completion; {@code :q} is left out because {@code :quit} covers it. */
    static final List<String> NAMES = List.of(HELP, LOAD, QUIT);

    static final String HELP_TEXT = """
            commands:
              :help        show this help
              :load FILE   run FILE in this session; its names stay defined
              :quit, :q    leave (Ctrl-D too)

            Enter runs the input once its brackets are closed; Tab completes names;
            Ctrl-C stops a running evaluation and keeps the session.

            syntax reminder:
              x = 2M                          numbers take K M B T suffixes
              fn area(w, h) = w * h           a function; lambdas: x -> x * 2
              r = {lr: 1e-3, steps: 100}      a record; r.lr reads a field
              r2 = r with {lr: 3e-4}          a copy with fields replaced
              [f(x) for x in xs if x > 0]     a comprehension
              for x in xs { print("x = ${x}") }
              import "other.qat"              run a file and use its names""";

    /**
     * The argument as a file path: surrounding quotes removed (for names with spaces) and a
     * leading {@code ~/} taken as the home directory, which no shell expands here.
     */
    String argumentAsPath() {
        String path = argument;
        if (path.length() >= 2 && path.startsWith("\"") && path.endsWith("\"")) {
            path = path.substring(1, path.length() - 1);
        }
        if (path.startsWith("~/")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return path;
    }

    static boolean isCommand(String line) {
        return line.stripLeading().startsWith(":");
    }

    static ReplCommand parse(String line) {
        String text = line.strip();
        int space = indexOfWhitespace(text);
        if (space < 0) {
            return new ReplCommand(text, "");
        }
        return new ReplCommand(text.substring(0, space), text.substring(space).strip());
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
