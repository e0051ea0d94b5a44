package org.qatlas.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train_all() as scripts meet it: runs in order, failures as records, the store's answers, interruption. */
class TrainAllBuiltinTest {
    private static final String SETUP = """
            toy = synthetic(vocab: 16, tokens: 100K, order: 2, seed: 3)
            sizes = [llama(layers: 1, hidden: h, ffn: 32, heads: 2, kv_heads: 1, seq: 16, vocab: 16) for h in [16, 32]]
            w4 = quant(weights: int(4, group: 8))
            small = budget(tokens: 10 * 4 * 16, batch: 4, eval_tokens: 128)
            """;

    @Test
    void trainsEachDistinctRunOnceInOrderAndTheStoreAnswersThemAfter() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Context context = Context.newBuilder("qat").err(err).build()) {
            Value runs = context.eval("qat", SETUP + """
                    plan = grid(model: sizes, scheme: [quant(), w4], seed: 1)
                    done = train_all(plan + [plan[1]], data: toy, budget: small)
                    [len(done), [r.config.model.hidden for r in done], [r.config.scheme for r in done],
                     done[4].run_id == done[1].run_id, done[1].loss == train(sizes[0], w4, small, toy, seed: 1).loss]
                    """);
            assertEquals(5, runs.getArrayElement(0).asInt());
            assertEquals("[16, 16, 32, 32, 16]", runs.getArrayElement(1).toString());
            assertEquals("[quant(weights: none, acts: none, overrides: {}), quant(weights: int(4, group: 8), acts: none, "
                    + "overrides: {}), quant(weights: none, acts: none, overrides: {}), quant(weights: int(4, group: 8), acts: "
                    + "none, overrides: {}), quant(weights: int(4, group: 8), acts: none, overrides: {})]",
                    runs.getArrayElement(2).toString());
            assertTrue(runs.getArrayElement(3).asBoolean(), "a duplicate shares its run");
            assertTrue(runs.getArrayElement(4).asBoolean(), "train_all trains what train does");
            String log = err.toString(StandardCharsets.UTF_8);
            assertTrue(log.contains("study: 4 runs: 4 trained, 0 from the store, 0 failed"), log);

            err.reset();
            context.eval("qat", "again = train_all(plan, data: toy, budget: small)");
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("study: 4 runs: 0 trained, 4 from the store, 0 failed"),
                    err.toString(StandardCharsets.UTF_8));
            err.reset();
            context.eval("qat", "fresh = train_all(plan[:1], data: toy, budget: small, fresh: true)");
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("study: 1 run: 1 trained, 0 from the store, 0 failed"),
                    err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void runsListsTheStoreFilteredAndSavesAsATable(@TempDir Path folder) throws Exception {
        try (Context context = Context.newBuilder("qat").err(new ByteArrayOutputStream()).allowIO(IOAccess.ALL).build()) {
            Value counts = context.eval("qat", SETUP + """
                    done = train_all(grid(model: sizes, scheme: [quant(), w4], seed: [1, 2]), data: toy, budget: small)
                    [len(runs()), len(runs(scheme: w4)), len(runs(hidden: 32, scheme: w4, seed: 2)),
                     len(runs(scheme: [w4, quant()], data: toy)), runs(seed: 2, hidden: 16, scheme: w4)[0].loss == done[3].loss,
                     runs(scheme: w4)[0].config.scheme]
                    """);
            assertEquals("[8, 4, 1, 8, true, quant(weights: int(4, group: 8), acts: none, overrides: {})]", counts.toString());
            Path csv = folder.resolve("runs.csv");
            Value table = context.eval("qat", "save(runs(weight_bits: 4), \"" + csv + "\")\nload(\"" + csv + "\")");
            assertEquals(4, table.getArraySize());
            assertEquals(4, table.getArrayElement(0).getMember("weight_bits").asInt());
            assertEquals(8, table.getArrayElement(0).getMember("weight_group").asInt());
            assertTrue(table.getArrayElement(0).getMember("loss").asDouble() > 0);
            PolyglotException unknown = assertThrows(PolyglotException.class, () -> context.eval("qat", "runs(colour: 3)"));
            assertTrue(unknown.getMessage().startsWith("runs: cannot filter on 'colour'; the filters are run_id,"),
                    unknown.getMessage());
        }
    }

    @Test
    void aDivergingRunIsARecordOfItsFailureAndTheStudyGoesOn() {
        try (Context context = Context.newBuilder("qat").err(new ByteArrayOutputStream()).build()) {
            Value runs = context.eval("qat", SETUP + """
                    done = train_all([{ model: sizes[0], lr: 9, grad_clip: 1000 }, { model: sizes[0] }], data: toy, budget: small)
                    [done[0].status, done[0].step > 0, done[0].reason, done[1].loss > 0]
                    """);
            assertEquals("failed", runs.getArrayElement(0).asString());
            assertTrue(runs.getArrayElement(1).asBoolean());
            assertTrue(runs.getArrayElement(2).asString().startsWith("train: the loss"), runs.getArrayElement(2).asString());
            assertTrue(runs.getArrayElement(3).asBoolean());
            PolyglotException strict = assertThrows(PolyglotException.class, () -> context.eval("qat",
                    "train_all([{ model: sizes[0], lr: 9, grad_clip: 1000 }], data: toy, budget: small, strict: true, fresh: true)"));
            assertTrue(strict.getMessage().startsWith("train_all: "), strict.getMessage());
            assertEquals(1, strict.getSourceLocation().getStartLine());
        }
    }

    @Test
    void aRunningStudyStopsWhenTheContextIsInterrupted() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (Context context = Context.newBuilder("qat").err(new ByteArrayOutputStream()).build()) {
            context.eval("qat", SETUP);
            timer.schedule(() -> {
                try {
                    context.interrupt(Duration.ofSeconds(30));
                } catch (Exception ignored) {
                    // the study ended before the interrupt: the assertion below reports it
                }
            }, 1500, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            PolyglotException e = assertThrows(PolyglotException.class, () -> context.eval("qat",
                    "train_all(grid(model: sizes, seed: [1, 2]), data: toy, budget: budget(tokens: 100M, batch: 8))"));
            assertTrue(e.isInterrupted() || e.isCancelled(), e.getMessage());
            assertTrue((System.nanoTime() - start) / 1e9 < 20, "stopped promptly");
            assertEquals(2, context.eval("qat", "1 + 1").asInt(), "the context is still usable");
        } finally {
            timer.shutdownNow();
        }
    }
}
