package org.qatlas.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.io.FileSystem;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an embedding program gets: a context without IO (the default of
 * {@code Context.create}) lets no built-in read or write a file, and says so at the call;
 * IO granted through the polyglot API, or a file system of the embedder's, is what scripts get.
 */
class SandboxTest {
    private static final String TINY = """
            toy = synthetic(vocab: 16, tokens: 20K, order: 2, seed: 3)
            tiny = llama(layers: 1, hidden: 16, ffn: 32, heads: 2, kv_heads: 1, seq: 16, vocab: 16)
            b = budget(tokens: 4 * 8 * 16, batch: 8, eval_tokens: 256)
            """;

    @TempDir
    Path folder;

    private String path(String name) {
        return folder.resolve(name).toString().replace("\\", "/");
    }

    /** The error a script gets: a guest error at its line, not an internal one. */
    private static String refused(Context context, String script, int line) {
        PolyglotException e = assertThrows(PolyglotException.class, () -> context.eval("qat", script));
        assertTrue(e.isGuestException() && !e.isInternalError(), e.getMessage());
        assertEquals(line, e.getSourceLocation().getStartLine(), e.getMessage());
        return e.getMessage();
    }

    private void everyFileBuiltinIsRefused(Supplier<Context> sandboxed) throws Exception {
        Path table = Files.writeString(folder.resolve("rows.csv"), "a,b\n1,2\n");
        try (Context context = sandboxed.get()) {
            assertEquals("corpus: access to /etc/passwd is not allowed: this context has no permission to read or write files "
                    + "(the embedding program's IO policy decides)", refused(context, "corpus(\"/etc/passwd\")", 1));
            assertTrue(refused(context, "load(\"" + table + "\")", 1).startsWith("load: access to " + table + " is not allowed"));
            assertTrue(refused(context, "x = 1\nsave([{a: 1}], \"" + path("out.csv") + "\")", 2).startsWith("save: access to "));
            assertTrue(refused(context, "plot(x -> x, [0, 1], \"" + path("out.svg") + "\")", 1).startsWith("plot: access to "));
            String fit = refused(context, "law f(a; k = 1) = k * a\nfit(f, \"" + table + "\", target: \"b\")", 2);
            assertTrue(fit.startsWith("fit: access to " + table + " is not allowed"), fit);
            String train = refused(context, TINY + "train(tiny, quant(), b, toy, checkpoint: \"" + path("run.ckpt") + "\")", 4);
            assertTrue(train.startsWith("train: access to " + path("run.ckpt") + " is not allowed"), train);
            assertEquals("cannot import \"lib.qat\": this context may not read files", refused(context, "import \"lib.qat\"", 1));
            assertEquals(2, context.eval("qat", "1 + 1").asInt(), "the context is still usable");
        }
        try (var left = Files.list(folder)) {
            assertEquals(1, left.count(), "nothing was written beside rows.csv");
        }
    }

    @Test
    void aContextWithoutIoTouchesNoFile() throws Exception {
        everyFileBuiltinIsRefused(() -> Context.newBuilder("qat").allowIO(IOAccess.NONE).build());
    }

    @Test
    void contextCreateIsSandboxedByDefault() throws Exception {
        everyFileBuiltinIsRefused(() -> Context.create("qat"));
    }

    @Test
    void ioGrantedByTheEmbedderIsWhatScriptsGet() {
        try (Context context = Context.newBuilder("qat").allowIO(IOAccess.ALL).build()) {
            context.eval("qat", "save([{a: 1, b: 2.5}], \"" + path("sub/out.csv") + "\")");
            assertEquals(2.5, context.eval("qat", "load(\"" + path("sub/out.csv") + "\")[0].b").asDouble());
            assertTrue(context.eval("qat", TINY + "train(tiny, quant(), b, toy, checkpoint: \"" + path("run.ckpt") + "\").steps")
                    .asLong() == 4);
            assertTrue(Files.exists(folder.resolve("run.ckpt")));
        }
    }

    @Test
    void aReadOnlyFileSystemOfTheEmbedderReadsButNeverWrites() throws Exception {
        Files.writeString(folder.resolve("rows.csv"), "a\n7\n");
        FileSystem readOnly = FileSystem.newReadOnlyFileSystem(FileSystem.newDefaultFileSystem());
        try (Context context = Context.newBuilder("qat").allowIO(IOAccess.newBuilder().fileSystem(readOnly).build()).build()) {
            assertEquals(7, context.eval("qat", "load(\"" + path("rows.csv") + "\")[0].a").asInt());
            String message = refused(context, "save([{a: 1}], \"" + path("out.csv") + "\")", 1);
            assertTrue(message.startsWith("save: "), message);
            assertFalse(Files.exists(folder.resolve("out.csv")));
        }
    }

    @Test
    void contextsDoNotShareRuns() {
        String run = TINY + "r = train(tiny, quant(), b, toy, seed: 1)\n[r.run_id, r.seconds]";
        try (Context first = Context.create("qat"); Context second = Context.create("qat")) {
            var a = first.eval("qat", run);
            var again = first.eval("qat", "r2 = train(tiny, quant(), b, toy, seed: 1)\n[r2.run_id, r2.seconds]");
            var b = second.eval("qat", run);
            assertEquals(a.getArrayElement(1).asDouble(), again.getArrayElement(1).asDouble(), "one context answers from its store");
            assertEquals(a.getArrayElement(0).asString(), b.getArrayElement(0).asString(), "the same configuration");
            assertNotEquals(a.getArrayElement(1).asDouble(), b.getArrayElement(1).asDouble(), "trained again by the other context");
        }
    }
}
