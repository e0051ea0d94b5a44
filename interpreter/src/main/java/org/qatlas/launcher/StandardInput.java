package org.qatlas.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/** Whether the process's standard input is a terminal, which decides REPL or script. */
final class StandardInput {

    private static final Path LINUX_STDIN = Path.of("/proc/self/fd/0");

    /** JLine's native providers, tried in order; the first that loads answers. */
    private static final String[] PROVIDERS = {"ffm", "jni"};

    private StandardInput() {
    }

    /**
     * Asks about standard input alone: {@code qat | tee log} should still start the REPL. The
     * cheap checks come first because loading a JLine provider costs 100-200 ms, which a script
     * piped into {@code qat} should not pay.
     */
    static boolean isTerminal() {
        // The JDK's console exists only when both standard input and output are terminals.
        if (System.console() != null && System.console().isTerminal()) {
            return true;
        }
        if (Files.isSymbolicLink(LINUX_STDIN)) {
            try {
                String target = Files.readSymbolicLink(LINUX_STDIN).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                // Fall through to asking JLine.
            }
        }
        for (String name : PROVIDERS) {
            try {
                return TerminalProvider.load(name).isSystemStream(SystemStream.Input);
            } catch (Exception | LinkageError e) {
                // This provider cannot run here (no native access, another platform); next.
            }
        }
        return false;
    }
}
