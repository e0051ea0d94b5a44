package org.qatlas.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's run store and checkpoints under faults, as a user meets them: {@code bin/qat}
 * started as a process. A finished run is never lost to a store or checkpoint that cannot be
 * written, and a stored run that was edited is trained again, not trusted. (Paths under /proc
 * cannot be created, even by root.)
 */
class StoreFaultsTest {
    private static final Path QAT = Path.of("..", "bin", "qat").toAbsolutePath().normalize();
    private static final String SCRIPT = """
            toy = synthetic(vocab: 16, tokens: 20K, order: 2, seed: 3)
            tiny = llama(layers: 1, hidden: 16, ffn: 32, heads: 2, kv_heads: 1, seq: 16, vocab: 16)
            r = train(tiny, quant(), budget(tokens: 4 * 8 * 16, batch: 8, eval_tokens: 256), toy, seed: 1%s)
            print("steps ${r.steps}, loss finite ${r.loss < 10}, run ${r.run_id}")
            """;

    @TempDir
    Path folder;

    private record Result(int exit, String out, String err) {
    }

    private Result qat(String script, Map<String, String> environment) throws IOException, InterruptedException {
        Path file = Files.writeString(folder.resolve("run.qat"), script);
        ProcessBuilder builder = new ProcessBuilder(QAT.toString(), "run", file.toString())
                .redirectOutput(folder.resolve("out.txt").toFile())
                .redirectError(folder.resolve("err.txt").toFile());
        builder.environment().put("QAT_JIT", "0"); // a short script: the fallback runtime starts faster
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "bin/qat did not finish in 2 minutes");
        return new Result(process.exitValue(), Files.readString(folder.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(folder.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void aStoreThatCannotBeWrittenStillReturnsTheRun() throws Exception {
        Result result = qat(SCRIPT.formatted(""), Map.of("QAT_RUNS", "/proc/qatlas-runs"));
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().startsWith("steps 4, loss finite true, run "), result.out());
        assertTrue(result.err().matches("(?s)train: warning: cannot save run \\w{12} in /proc/qatlas-runs: .*; "
                + "the run is returned but not stored\\n"), result.err());
    }

    @Test
    void aCheckpointThatCannotBeWrittenStillReturnsTheRun() throws Exception {
        Result result = qat(SCRIPT.formatted(", checkpoint: \"/proc/qatlas.ckpt\", every: 2"), Map.of("QAT_RUNS", "off"));
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().startsWith("steps 4, loss finite true"), result.out());
        assertTrue(result.err().startsWith("train: warning: cannot write the checkpoint /proc/qatlas.ckpt: "), result.err());
        assertTrue(result.err().endsWith("; training goes on without checkpoints\n"), result.err());
    }

    @Test
    void anEditedStoredRunIsTrainedAgain() throws Exception {
        Path runs = folder.resolve("runs");
        Result first = qat(SCRIPT.formatted(""), Map.of("QAT_RUNS", runs.toString()));
        assertEquals(0, first.exit(), first.err());
        assertEquals("", first.err());
        List<Path> stored;
        try (Stream<Path> files = Files.list(runs)) {
            stored = files.toList();
        }
        assertEquals(1, stored.size(), stored.toString());
        String text = Files.readString(stored.get(0));
        Files.writeString(stored.get(0), text.replaceFirst("\"loss\" : [0-9.]+", "\"loss\" : -42"));
        Result second = qat(SCRIPT.formatted(""), Map.of("QAT_RUNS", runs.toString()));
        assertEquals(0, second.exit(), second.err());
        assertEquals(first.out(), second.out());
        assertTrue(second.err().startsWith("train: warning: ignoring the stored run " + stored.get(0) + " ("), second.err());
        assertTrue(Files.readString(stored.get(0)).contains("\"digest\""), "the file was written again");
    }
}
