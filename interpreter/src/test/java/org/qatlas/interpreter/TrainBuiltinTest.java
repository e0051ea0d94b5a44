package org.qatlas.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/** train() as scripts and embedders meet it: a record back, clean errors, interruption. */
class TrainBuiltinTest {
    private static final String SETUP = """
            toy = synthetic(vocab: 16, tokens: 100K, order: 2, seed: 3)
            tiny = llama(layers: 1, hidden: 16, ffn: 32, heads: 2, kv_heads: 1, seq: 16, vocab: 16)
            """;

    @Test
    void returnsARunRecordThatScriptsAndEmbeddersRead() {
        try (Context context = Context.create("qat")) {
            Value run = context.eval("qat", SETUP + """
                    r = train(tiny, quant(weights: int(4, group: 8)), budget(tokens: 20 * 8 * 16, batch: 8, eval_tokens: 256), toy, seed: 1)
                    [r.steps, len(r.curve), r.curve[-1].phase, "layers.0.fc2.input" in r.diagnostics.kurtosis, r.config.seed, r]
                    """);
            assertEquals(20, run.getArrayElement(0).asLong());
            assertEquals(20, run.getArrayElement(1).asLong());
            assertEquals("qat", run.getArrayElement(2).asString());
            assertTrue(run.getArrayElement(3).asBoolean());
            assertEquals(1, run.getArrayElement(4).asLong());
            Value record = run.getArrayElement(5);
            assertTrue(record.getMember("eval_loss").asDouble() < Math.log(16) + 0.5);
            assertTrue(record.toString().startsWith("run("), record.toString());
        }
    }

    @Test
    void theBackendComesFromTheCallElseTheContextOption() {
        String train = "train(tiny, quant(weights: int(4, group: 8)), budget(tokens: 4 * 8 * 16, batch: 8, eval_tokens: 256), toy, "
                + "seed: 1";
        try (Context context = Context.newBuilder("qat").option("qat.backend", "nd4j").build()) {
            Value runs = context.eval("qat", SETUP + "[" + train + "), " + train + ", backend: \"cpu\")]");
            Value byOption = runs.getArrayElement(0).getMember("provenance");
            assertEquals("nd4j", byOption.getMember("backend").asString());
            assertTrue(byOption.getMember("device").asString().startsWith("CPU"), byOption.toString());
            assertEquals("cpu", runs.getArrayElement(1).getMember("provenance").getMember("backend").asString());
            // Two backends, two runs: an nd4j run is not answered by the cpu run of the same settings.
            assertNotEquals(runs.getArrayElement(0).getMember("run_id").asString(),
                    runs.getArrayElement(1).getMember("run_id").asString());
        }
        try (Context context = Context.newBuilder("qat").option("qat.backend", "gpu").build()) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> context.eval("qat", SETUP + train + ")"));
            assertEquals("option qat.backend: unknown backend \"gpu\": choose one of cpu, nd4j, cuda", e.getMessage());
        }
    }

    @Test
    void wrongArgumentsAreErrorsAtTheCall() {
        try (Context context = Context.create("qat")) {
            PolyglotException e = assertThrows(PolyglotException.class,
                    () -> context.eval("qat", SETUP + "train(tiny, budget(), quant(), toy)"));
            assertEquals("train(): scheme must be a scheme such as quant(...), not a budget (budget(tokens: 1000000, batch: 16, lr...)",
                    e.getMessage());
            assertEquals(3, e.getSourceLocation().getStartLine());
        }
    }

    @Test
    void aRunningTrainingStopsWhenTheContextIsInterrupted() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (Context context = Context.create("qat")) {
            context.eval("qat", SETUP);
            timer.schedule(() -> {
                try {
                    context.interrupt(Duration.ofSeconds(30));
                } catch (Exception ignored) {
                    // the run ended before the interrupt: the assertion below reports it
                }
            }, 1500, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            PolyglotException e = assertThrows(PolyglotException.class,
                    () -> context.eval("qat", "train(tiny, quant(), budget(tokens: 100M, batch: 8), toy, seed: 9)"));
            assertTrue(e.isInterrupted() || e.isCancelled(), e.getMessage());
            assertTrue((System.nanoTime() - start) / 1e9 < 20, "stopped promptly");
            assertEquals(2, context.eval("qat", "1 + 1").asInt(), "the context is still usable");
        } finally {
            timer.shutdownNow();
        }
    }
}
