package org.qatlas.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qatlas.launcher.CommandLine.Evaluate;
import org.qatlas.launcher.CommandLine.Interactive;
import org.qatlas.launcher.CommandLine.ListRuns;
import org.qatlas.launcher.CommandLine.RunFile;
import org.qatlas.launcher.CommandLine.ShowHelp;
import org.qatlas.launcher.CommandLine.ShowVersion;
import org.qatlas.launcher.CommandLine.UsageException;

class CommandLineTest {

    @Test
    void runAndBareFileMeanTheSame() throws UsageException {
        assertEquals(new RunFile("a.qat", List.of("x", "y")), CommandLine.parse("run", "a.qat", "x", "y").command());
        assertEquals(new RunFile("a.qat", List.of("x", "y")), CommandLine.parse("a.qat", "x", "y").command());
    }

    @Test
    void runsListsTheStoreWithItsOwnArguments() throws UsageException {
        assertEquals(new ListRuns(List.of("layers=2", "--csv")), CommandLine.parse("runs", "layers=2", "--csv").command());
        assertEquals(new RunFile("./runs", List.of()), CommandLine.parse("./runs").command());
    }

    @Test
    void optionsAfterTheScriptBelongToTheScript() throws UsageException {
        CommandLine line = CommandLine.parse("a.qat", "--debug", "-e");
        assertEquals(new RunFile("a.qat", List.of("--debug", "-e")), line.command());
        assertFalse(line.debug());
    }

    @Test
    void debugComesBeforeTheCommand() throws UsageException {
        CommandLine line = CommandLine.parse("--debug", "-e", "1 + 1");
        assertTrue(line.debug());
        assertEquals(new Evaluate("1 + 1", List.of()), line.command());
    }

    @Test
    void noArgumentsIsInteractive() throws UsageException {
        assertEquals(new Interactive(), CommandLine.parse().command());
        assertEquals(new Interactive(), CommandLine.parse("--debug").command());
    }

    @Test
    void helpAndVersion() throws UsageException {
        assertEquals(new ShowHelp(), CommandLine.parse("--help").command());
        assertEquals(new ShowHelp(), CommandLine.parse("-h").command());
        assertEquals(new ShowVersion(), CommandLine.parse("--version").command());
    }

    @Test
    void dashIsStandardInput() throws UsageException {
        assertEquals(new RunFile("-", List.of()), CommandLine.parse("-").command());
    }

    @Test
    void malformedCommandLines() {
        assertEquals("unknown option '--frobnicate'",
                assertThrows(UsageException.class, () -> CommandLine.parse("--frobnicate")).getMessage());
        assertThrows(UsageException.class, () -> CommandLine.parse("-e"));
        assertThrows(UsageException.class, () -> CommandLine.parse("run"));
    }
}
