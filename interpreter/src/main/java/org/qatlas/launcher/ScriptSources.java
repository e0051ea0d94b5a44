package org.qatlas.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.graalvm.polyglot.Source;

/** Builds the {@link Source}s the launcher evaluates, with names that error reports show. */
final class ScriptSources {

    /** A script that cannot be read; the message is ready to print after "qat: ". */
    static final class UnreadableScript extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableScript(String message) {
            super(message);
        }
    }

    private ScriptSources() {
    }

    /**
     * The file as a source named exactly as the user wrote it, so an error reads
     * {@code examples/sweep.qat:12:8} and not just {@code sweep.qat:12:8}.
     */
    static Source file(String given) throws UnreadableScript {
        Path path = Path.of(given);
        // Checked up front because the polyglot source builder reports these as plain
        // IOExceptions whose messages vary.
        if (!Files.exists(path)) {
            throw new UnreadableScript(cannotRead(given, "no such file"));
        }
        if (Files.isDirectory(path)) {
            throw new UnreadableScript(cannotRead(given, "is a directory"));
        }
        if (!Files.isReadable(path)) {
            throw new UnreadableScript(cannotRead(given, "permission denied"));
        }
        try {
            return Source.newBuilder(QatContexts.LANGUAGE, path.toFile()).name(given).build();
        } catch (NoSuchFileException e) {
            throw new UnreadableScript(cannotRead(given, "no such file"));
        } catch (AccessDeniedException e) {
            throw new UnreadableScript(cannotRead(given, "permission denied"));
        } catch (IOException e) {
            throw new UnreadableScript(cannotRead(given, e.getMessage()));
        }
    }

    static Source stdin(InputStream in) throws UnreadableScript {
        try {
            return text(new String(in.readAllBytes(), StandardCharsets.UTF_8), "<stdin>");
        } catch (IOException e) {
            throw new UnreadableScript(cannotRead("<stdin>", e.getMessage()));
        }
    }

    static Source text(String code, String name) {
        return Source.newBuilder(QatContexts.LANGUAGE, code, name).buildLiteral();
    }

    private static String cannotRead(String given, String why) {
        return "cannot read '" + given + "': " + why;
    }
}
