package org.qatlas.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved law is data: loading one checks that its source is a law declaration and runs nothing else. */
class SavedLawLoadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    private Path saved;
    private Path pwned;

    private String path(Path file) {
        return file.toString().replace("\\", "/");
    }

    @BeforeEach
    void saveAFittedLaw() {
        saved = folder.resolve("f.json");
        pwned = folder.resolve("PWNED.csv");
        try (Context context = Context.newBuilder("qat").allowIO(IOAccess.ALL).build()) {
            context.eval("qat", """
                    law f(a; k > 0 = 1) = k * a
                    fitted = fit(f, [{a: 1, y: 2}, {a: 2, y: 4.1}, {a: 3, y: 5.9}, {a: 4, y: 8}], target: "y", bootstrap: 0)
                    save(fitted, "%s")
                    """.formatted(path(saved)));
        }
    }

    /** The saved file with its source replaced. */
    private Path withSource(String source) throws Exception {
        ObjectNode law = (ObjectNode) JSON.readTree(saved.toFile());
        law.put("source", source);
        Path edited = folder.resolve("edited.json");
        JSON.writeValue(edited.toFile(), law);
        return edited;
    }

    private String loadError(String source) throws Exception {
        Path edited = withSource(source);
        try (Context context = Context.newBuilder("qat").allowIO(IOAccess.ALL).build()) {
            PolyglotException e = assertThrows(PolyglotException.class,
                    () -> context.eval("qat", "x = 1\nload(\"" + path(edited) + "\")"));
            assertTrue(e.isGuestException() && !e.isInternalError(), e.getMessage());
            assertEquals(2, e.getSourceLocation().getStartLine(), e.getMessage());
            assertFalse(Files.exists(pwned), "the file's code ran: " + e.getMessage());
            return e.getMessage();
        }
    }

    @Test
    void aSavedLawLoadsWithItsFittedValues() throws Exception {
        Path edited = withSource("law f(a; k > 0 = 1) = k * log(exp(a)) + sqrt(a) ^ 2 - abs(-a) + min(a, 0) * max(floor(a), ceil(a))");
        try (Context context = Context.newBuilder("qat").allowIO(IOAccess.ALL).build()) {
            double k = context.eval("qat", "load(\"" + path(saved) + "\").params.k").asDouble();
            assertEquals(2.0, k, 0.05);
            assertEquals(3 * k, context.eval("qat", "load(\"" + path(edited) + "\")(a: 3)").asDouble(), 1e-9);
        }
    }

    @Test
    void aStatementBeforeTheDeclarationIsRefused() throws Exception {
        String message = loadError("x = save([{pwned: 1}], \"" + path(pwned) + "\")\nlaw f(a; k > 0 = 1) = k * a");
        assertTrue(message.startsWith("load: " + path(folder.resolve("edited.json")) + " is not a saved law: its source must be "
                + "one law declaration and nothing else, but it holds 2 statements, starting with: x=save([{pwned:1}],"), message);
    }

    @Test
    void codeInsideTheDeclarationIsRefused() throws Exception {
        String save = "save([{p: 1}], \"" + path(pwned) + "\")";
        for (String source : new String[] {
                "law f(a; k > 0 = len(" + save + ")) = k * a",
                "law f(a; k > len(" + save + ") = 1) = k * a",
                "law f(a; k > 0 = 1) = k * a + len(" + save + ")",
                "law f(a; k > 0 = 1) = k * a + len(\"${" + save + "}\")",
                "law f(a; k > 0 = 1) = k * (x -> len(" + save + "))(a)",
                "law f(a; k > 0 = 1) = k * [a][0]",
                "law f(a; k > 0 = 1) = k * a.b",
                "law f(a; k > 0 = 1) = k * (a with {b: 1})",
                "law f(a; k > 0 = 1) = k * a(1)",
                "law f(a; k > 0 = k0) = k * a"}) {
            String message = loadError(source);
            assertTrue(message.contains(" is not a saved law: a saved law's expression may use only numbers, the law's "
                    + "variables and parameters, arithmetic, comparisons and abs, ceil, exp, floor, log, log10, log2, max, min, sqrt; its source holds "),
                    source + " -> " + message);
        }
    }

    @Test
    void anEmptySourceIsRefused() throws Exception {
        assertTrue(loadError("# nothing").endsWith("is not a saved law: its source must be one law declaration and nothing "
                + "else, but it holds 0 statements"));
    }
}
