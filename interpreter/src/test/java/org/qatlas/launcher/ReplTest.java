package org.qatlas.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The REPL driven through a dumb terminal, keystrokes given up front. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplTest {

    @TempDir
    Path temp;

    @Test
    void evaluatesLinesAndPrintsValues() throws IOException {
        try (ReplSession session = session("x = 20\nx * 2 + 2\n")) {
            assertEquals(Main.OK, session.run());
            assertTrue(session.screen().contains("42"), session.screen());
        }
    }

    @Test
    void noneIsNotPrinted() throws IOException {
        try (ReplSession session = session("none\n")) {
            session.run();
            assertTrue(session.screen().lines().noneMatch(line -> line.endsWith("none")), session.screen());
        }
    }

    @Test
    void anOpenBracketContinuesOnTheNextLine() throws IOException {
        try (ReplSession session = session("xs = [1,\n2,\n39]\nxs[0] + xs[1] + xs[2]\n")) {
            session.run();
            // Evaluated line by line, the first line would be a syntax error.
            String screen = session.screen();
            assertTrue(screen.contains("42"), screen);
            assertTrue(!screen.contains("<repl:"), screen);
        }
    }

    @Test
    void aBlockSpansLines() throws IOException {
        try (ReplSession session = session("fn twice(x) {\nreturn x * 2\n}\ntwice(21)\n")) {
            session.run();
            assertTrue(session.screen().contains("42"), session.screen());
        }
    }

    @Test
    void anErrorDoesNotEndTheSession() throws IOException {
        try (ReplSession session = session("y = modle + 1\n40 + 2\n")) {
            assertEquals(Main.OK, session.run());
            String screen = session.screen();
            assertTrue(screen.contains("<repl:1>:1:5: "), screen);
            assertTrue(screen.contains("modle"), screen);
            assertTrue(screen.contains("    ^"), screen);
            assertTrue(screen.contains("42"), screen);
        }
    }

    @Test
    void loadRunsAFileInTheSameSession() throws IOException {
        Path script = temp.resolve("lib.qat");
        Files.writeString(script, "fn answer() = base + 2\nbase = 40\n");
        try (ReplSession session = session(":load " + script + "\nanswer()\n")) {
            session.run();
            assertTrue(session.screen().contains("42"), session.screen());
        }
    }

    @Test
    void loadOfAMissingFileSaysSo() throws IOException {
        try (ReplSession session = session(":load nowhere.qat\n1 + 1\n")) {
            session.run();
            assertTrue(session.screen().contains("qat: cannot read 'nowhere.qat': no such file"), session.screen());
            assertTrue(session.screen().contains("2"), session.screen());
        }
    }

    @Test
    void helpListsTheCommands() throws IOException {
        try (ReplSession session = session(":help\n")) {
            session.run();
            assertTrue(session.screen().contains(":load FILE"), session.screen());
        }
    }

    @Test
    void unknownCommandIsReported() throws IOException {
        try (ReplSession session = session(":frob\n")) {
            session.run();
            assertTrue(session.screen().contains("unknown command ':frob'"), session.screen());
        }
    }

    @Test
    void quitStopsReadingInput() throws IOException {
        try (ReplSession session = session("x = 1\n:quit\nprint(\"after quit\")\n")) {
            assertEquals(Main.OK, session.run());
            assertTrue(!session.screen().contains("after quit"), session.screen());
        }
    }

    @Test
    void historyIsWrittenToTheGivenFile() throws IOException {
        Path history = temp.resolve("history");
        try (ReplSession session = new ReplSession("alpha = 1\nbeta = [1,\n2]\n", history)) {
            session.run();
        }
        String saved = Files.readString(history, UTF_8);
        assertTrue(saved.contains("alpha = 1"), saved);
        assertTrue(saved.contains("beta = [1,"), saved);
    }

    @Test
    void evaluatesAndRemembersExactlyWhatWasTyped() throws IOException {
        // Blanks before a closing bracket belong to the input, inside a string or not. A
        // terminal that is not "dumb" gets JLine's editing keys, where the bug was.
        Path history = temp.resolve("history");
        String typed = "len(\"x  )\")\nlen(\"[  ]\") * 10 + len([1,  2  ])\n";
        try (ReplSession session = new ReplSession(typed, history, "xterm")) {
            session.run();
            List<String> lines = withoutControlSequences(session.screen()).lines().toList();
            assertTrue(lines.contains("4"), session.screen());
            assertTrue(lines.contains("42"), session.screen());
        }
        List<String> saved = Files.readAllLines(history, UTF_8).stream()
                .map(line -> line.substring(line.indexOf(':') + 1)) // after the time stamp
                .toList();
        assertEquals(List.of("len(\"x  )\")", "len(\"[  ]\") * 10 + len([1,  2  ])"), saved);
    }

    @Test
    void aClosingBracketAloneOnAContinuationLineIsDedented() throws IOException {
        // The one place the REPL edits input: the indentation it added itself before a closing
        // bracket that starts the line. Leading blanks are outside any string or token.
        Path history = temp.resolve("history");
        try (ReplSession session = new ReplSession("xs = [\n1, 2\n]\nlen(xs)\n", history, "xterm")) {
            session.run();
            assertTrue(withoutControlSequences(session.screen()).lines().toList().contains("2"), session.screen());
        }
        String saved = Files.readString(history, UTF_8);
        assertTrue(saved.contains("xs = [\\n  1, 2\\n]"), saved);
    }

    /** The screen's text without the escape sequences of an xterm (cursor moves, modes). */
    private static String withoutControlSequences(String screen) {
        return screen.replaceAll("\u001b\\[[?0-9;]*[A-Za-z]|\u001b[=>]|[\b\r]", "");
    }

    @Test
    void ctrlCStopsAnEvaluationAndKeepsTheSession() throws Exception {
        String typed = "kept = 41\nsum([x for x in range(100M)])\nkept + 1\n";
        try (ReplSession session = session(typed)) {
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(session::run);
            // The slow sum is the second input. Press Ctrl-C while it runs, again if the first
            // press came before the evaluation had entered the context.
            while (!session.screen().contains(ErrorReport.INTERRUPTED)) {
                if (session.repl.isEvaluating() && session.repl.evaluationsStarted() == 2) {
                    session.terminal.raise(Signal.INT);
                }
                Thread.sleep(50);
            }
            assertEquals(Main.OK, status.get(30, TimeUnit.SECONDS));
            String screen = session.screen();
            assertTrue(screen.substring(screen.indexOf(ErrorReport.INTERRUPTED)).contains("42"), screen);
        }
    }

    @Test
    void interruptWithNothingRunningIsHarmless() throws IOException {
        try (ReplSession session = session("1 + 1\n")) {
            session.repl.interrupt();
            session.run();
            assertTrue(session.screen().contains("2"), session.screen());
        }
    }

    private ReplSession session(String typed) {
        return new ReplSession(typed, temp.resolve("history"));
    }
}
