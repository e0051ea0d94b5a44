package org.qatlas.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's run store and checkpoints under faults, as a user meets them: {@code bin/qat}
 * started as a process. A finished run is never lost to a store or checkpoint that cannot be
 * written, and a stored run whose row was edited is trained again, not trusted. (Paths under
 * /proc cannot be created, even by root.)
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
        assertTrue(result.err().matches("(?s)train: warning: cannot save run \\w{12} in /proc/qatlas-runs/runs\\.db: .*; "
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
        Path database = runs.resolve("runs.db");
        String runId = first.out().substring(first.out().lastIndexOf(' ') + 1).strip();
        assertEquals(1, update(database, "UPDATE runs SET loss = -42 WHERE run_id = '" + runId + "'"));
        Result second = qat(SCRIPT.formatted(""), Map.of("QAT_RUNS", runs.toString()));
        assertEquals(0, second.exit(), second.err());
        assertEquals(first.out(), second.out());
        assertEquals("train: warning: ignoring the stored run " + runId + " in " + database + " (its digest does not match "
                + "its contents: it was edited or damaged); training it again\n", second.err());
        Result third = qat(SCRIPT.formatted(""), Map.of("QAT_RUNS", runs.toString()));
        assertEquals("", third.err(), "the row was written again, whole");
        assertEquals(first.out(), third.out());
    }

    @Test
    void aFileThatIsNotARunStoreIsRefusedByName() throws Exception {
        Path notes = Files.writeString(folder.resolve("notes.txt"), "a text file, not a database\n".repeat(100));
        Result result = qat(SCRIPT.formatted(""), Map.of("QAT_RUNS", notes.toString()));
        assertEquals(1, result.exit(), result.err());
        assertTrue(result.err().contains("the run store " + notes + " is not a Qatlas run store: it is not an SQLite database"),
                result.err());
        assertEquals("a text file, not a database\n".repeat(100), Files.readString(notes), "left as it was");
    }

    /** Changes the store's file as someone with sqlite3 would; returns the rows changed. */
    private static int update(Path database, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }
}
