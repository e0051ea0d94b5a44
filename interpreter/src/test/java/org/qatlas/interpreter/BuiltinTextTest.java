package org.qatlas.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.Test;

/**
 * {@code corpus("builtin:austen")}: a text that ships with the language, read as a resource, so
 * that scripts in contexts without file access can train on it, and runs on it keep their ids.
 */
class BuiltinTextTest {
    private static final String TINY_RUN = """
            text = corpus("builtin:austen", holdout: 0.05, seed: 1)
            tiny = llama(layers: 1, hidden: 16, ffn: 32, heads: 2, kv_heads: 1, seq: 16)
            run = train(tiny, quant(), budget(tokens: 4 * 8 * 16, batch: 8, eval_tokens: 256), text, seed: 1)
            [run.run_id, text.train_tokens + text.heldout_tokens, run.steps]
            """;

    @Test
    void aContextWithoutFileAccessTrainsOnTheBuiltinText() {
        try (Context context = Context.newBuilder("qat").allowIO(IOAccess.NONE).build()) {
            Value result = context.eval("qat", TINY_RUN);
            assertEquals(4_024_616, result.getArrayElement(1).asLong());
            assertEquals(4, result.getArrayElement(2).asLong());
            // the same context still may not read a file
            PolyglotException refused = assertThrows(PolyglotException.class, () -> context.eval("qat", "corpus(\"austen.txt\")"));
            assertTrue(refused.getMessage().startsWith("corpus: access to austen.txt is not allowed"), refused.getMessage());
        }
    }

    @Test
    void runsOnTheBuiltinTextKeepTheirIdAcrossReads() {
        String first;
        String second;
        try (Context context = Context.create("qat")) {
            first = context.eval("qat", TINY_RUN).getArrayElement(0).asString();
        }
        try (Context context = Context.create("qat")) {
            second = context.eval("qat", TINY_RUN).getArrayElement(0).asString();
        }
        assertEquals(first, second, "the text is read twice, in two contexts, and describes itself the same");
    }

    @Test
    void anUnknownBuiltinNameIsAnErrorAtTheCall() {
        try (Context context = Context.create("qat")) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> context.eval("qat", "x = 1\ncorpus(\"builtin:dickens\")"));
            assertTrue(e.isGuestException() && !e.isInternalError(), e.getMessage());
            assertEquals(2, e.getSourceLocation().getStartLine());
            assertEquals("corpus: there is no built-in text \"dickens\"; the built-in texts are builtin:austen", e.getMessage());
        }
    }

    @Test
    void theTextsDescriptionIsItsNameAndDigest() {
        try (Context context = Context.create("qat")) {
            String shown = context.eval("qat", "str(corpus(\"builtin:austen\"))").asString();
            assertEquals("corpus(\"builtin:austen\", holdout: 0.05, seed: 0; 4024616 bytes, sha256 2425c52d78dff146)", shown);
        }
    }
}
