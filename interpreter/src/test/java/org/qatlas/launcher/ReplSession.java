package org.qatlas.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.jline.terminal.Size;
import org.jline.terminal.impl.DumbTerminal;

/**
 * A REPL over a dumb terminal whose keyboard is a fixed piece of text, for tests. The program's
 * own output goes to the same buffer as the REPL's, as on a real terminal.
 */
final class ReplSession implements AutoCloseable {

    private final ByteArrayOutputStream screen = new SynchronizedBuffer();
    final DumbTerminal terminal;
    private final Context context;
    final Repl repl;

    ReplSession(String typed, Path historyFile) {
        this(typed, historyFile, "dumb");
    }

    /**
     * A session whose terminal reports {@code terminalType}. JLine gives a "dumb" terminal a key
     * map where every key inserts itself; any other type gets the editing key map of a real
     * terminal (emacs), with its widgets for Enter, Tab and closing brackets.
     */
    ReplSession(String typed, Path historyFile, String terminalType) {
        this(new ByteArrayInputStream(typed.getBytes(UTF_8)), historyFile, terminalType);
    }

    ReplSession(InputStream keyboard, Path historyFile) {
        this(keyboard, historyFile, "dumb");
    }

    private ReplSession(InputStream keyboard, Path historyFile, String terminalType) {
        try {
            terminal = new DumbTerminal("test", terminalType, keyboard, screen, UTF_8);
            if (!terminalType.equals("dumb")) {
                terminal.setSize(new Size(80, 24)); // without a width JLine draws the prompt in pieces
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context = QatContexts.create(InputStream.nullInputStream(), screen, screen, List.of());
        repl = new Repl(terminal, context, historyFile, false);
    }

    /** Runs the REPL until the typed text is used up; returns its exit status. */
    int run() {
        return repl.run();
    }

    String screen() {
        terminal.flush();
        return screen.toString(UTF_8);
    }

    @Override
    public void close() throws IOException {
        context.close(true);
        terminal.close();
    }

    /** Written by the REPL thread while the test thread reads it. */
    private static final class SynchronizedBuffer extends ByteArrayOutputStream {
        @Override
        public synchronized void write(int b) {
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
        }

        @Override
        public synchronized String toString(Charset charset) {
            return super.toString(charset);
        }
    }
}
