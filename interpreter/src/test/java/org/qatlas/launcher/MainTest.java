package org.qatlas.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher run in-process: exit statuses and what lands on stdout and stderr. */
class MainTest {

    @TempDir
    Path temp;

    /** The outcome of one launcher run. */
    record Outcome(int status, String out, String err) {
    }

    @Test
    void versionAndHelp() {
        Outcome version = qat("--version");
        assertEquals(new Outcome(Main.OK, "qat 0.1.0\n", ""), version);
        Outcome help = qat("--help");
        assertEquals(Main.OK, help.status());
        assertTrue(help.out().startsWith("usage: qat"), help.out());
        assertTrue(help.out().contains("qat runs [NAME=VALUE...] [--csv] [--status S]"), help.out());
        assertTrue(help.out().contains("QAT_RUNS"), help.out());
    }

    @Test
    void runsWithAWrongArgumentIsAUsageError() {
        Outcome outcome = qat("runs", "--frobnicate");
        assertEquals(Main.USAGE_ERROR, outcome.status());
        assertTrue(outcome.err().startsWith("qat runs: unknown option '--frobnicate'"), outcome.err());
    }

    @Test
    void evaluatePrintsTheValue() {
        assertEquals(new Outcome(Main.OK, "2\n", ""), qat("-e", "1 + 1"));
    }

    @Test
    void evaluateDoesNotPrintNone() {
        assertEquals(new Outcome(Main.OK, "", ""), qat("-e", "none"));
    }

    @Test
    void runsAFileWithOrWithoutRun() throws IOException {
        Path script = script("hello.qat", "name = \"qat\"\nprint(\"hello ${name}\")\n");
        assertEquals(new Outcome(Main.OK, "hello qat\n", ""), qat("run", script.toString()));
        assertEquals(new Outcome(Main.OK, "hello qat\n", ""), qat(script.toString()));
    }

    @Test
    void aScriptErrorNamesTheFileLineAndColumn() throws IOException {
        Path script = script("sweep.qat", "model = 1\nprint(modle)\n");
        Outcome outcome = qat(script.toString());
        assertEquals(Main.SCRIPT_ERROR, outcome.status());
        String[] lines = outcome.err().split("\n");
        assertTrue(lines[0].startsWith(script + ":2:7: "), outcome.err());
        assertTrue(lines[0].contains("modle"), outcome.err());
        assertEquals("print(modle)", lines[1]);
        assertEquals("      ^^^^^", lines[2]);
        assertFalse(outcome.err().contains("at java."), outcome.err());
    }

    @Test
    void theCallChainIsShown() throws IOException {
        Path script = script("chain.qat", """
                fn inner(x) = x + missing
                fn outer(x) = inner(x) * 2
                outer(1)
                """);
        Outcome outcome = qat(script.toString());
        assertEquals(Main.SCRIPT_ERROR, outcome.status());
        assertTrue(outcome.err().startsWith(script + ":1:19: "), outcome.err());
        assertTrue(outcome.err().contains("  at outer (" + script + ":2:15)"), outcome.err());
        assertTrue(outcome.err().contains("(" + script + ":3:1)"), outcome.err());
    }

    @Test
    void aSyntaxErrorPointsAtTheSource() throws IOException {
        Path script = script("bad.qat", "x = (1 +\n");
        Outcome outcome = qat(script.toString());
        assertEquals(Main.SCRIPT_ERROR, outcome.status());
        assertTrue(outcome.err().startsWith(script + ":"), outcome.err());
        assertTrue(outcome.err().contains("^"), outcome.err());
    }

    @Test
    void debugAddsTheJavaStackTrace() throws IOException {
        Path script = script("bad.qat", "print(nope)\n");
        Outcome outcome = qat("--debug", script.toString());
        assertEquals(Main.SCRIPT_ERROR, outcome.status());
        assertTrue(outcome.err().contains("at org."), outcome.err());
    }

    @Test
    void aMissingFileIsAUsageError() {
        assertEquals(new Outcome(Main.USAGE_ERROR, "", "qat: cannot read 'x.qat': no such file\n"), qat("x.qat"));
    }

    @Test
    void aDirectoryIsAUsageError() {
        Outcome outcome = qat(temp.toString());
        assertEquals(Main.USAGE_ERROR, outcome.status());
        assertTrue(outcome.err().contains("is a directory"), outcome.err());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Outcome outcome = qat("--frobnicate");
        assertEquals(Main.USAGE_ERROR, outcome.status());
        assertTrue(outcome.err().startsWith("qat: unknown option '--frobnicate'"), outcome.err());
    }

    @Test
    void withoutArgumentsStandardInputIsTheScript() {
        Outcome outcome = qatWithInput("print(6 * 7)\n");
        assertEquals(new Outcome(Main.OK, "42\n", ""), outcome);
    }

    @Test
    void anErrorOnStandardInputIsNamedStdin() {
        Outcome outcome = qatWithInput("x = nope\n");
        assertEquals(Main.SCRIPT_ERROR, outcome.status());
        assertTrue(outcome.err().startsWith("<stdin>:1:5: "), outcome.err());
    }

    private Path script(String name, String text) throws IOException {
        return Files.writeString(temp.resolve(name), text);
    }

    private Outcome qat(String... args) {
        return launch("", args);
    }

    private Outcome qatWithInput(String stdin, String... args) {
        return launch(stdin, args);
    }

    private static Outcome launch(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(UTF_8));
        int status = Main.run(args, in, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
        return new Outcome(status, out.toString(UTF_8), err.toString(UTF_8));
    }
}
