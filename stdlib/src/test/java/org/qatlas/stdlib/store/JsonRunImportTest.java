package org.qatlas.stdlib.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunStore;

/** The JSON run folders of earlier versions come into a store once, and their runs answer again. */
class JsonRunImportTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @TempDir
    Path folder;

    /** A run file as the folder store wrote it: results, the configuration as text (scheme and budget as null), a digest. */
    private static String runFile(RunSpec spec, double loss) throws Exception {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", spec.model().written());
        config.put("scheme", null);
        config.put("budget", null);
        config.put("data", spec.data().describe());
        config.put("seed", spec.seed());
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("format", 1);
        file.put("run_id", spec.runId());
        file.put("config", config);
        file.put("loss", loss);
        file.put("eval_loss", 2.5);
        file.put("tokens", 512);
        file.put("steps", 4);
        file.put("seconds", 0.25);
        file.put("tokens_per_second", 2048.0);
        file.put("gflops", 0.5);
        file.put("mfu", 0.01);
        file.put("curve", List.of(Map.of("step", 1, "loss", 2.75), Map.of("step", 4, "loss", loss)));
        file.put("diagnostics", Map.of("kurtosis", Map.of("layers.0.fc2.input", 12.5)));
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(file));
        file.put("digest", HexFormat.of().formatHex(hash));
        return JSON.writeValueAsString(file);
    }

    private static int count(Path file, String sql) throws Exception {
        try (Connection connection = TinyRuns.sql(file); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.getInt(1);
        }
    }

    @Test
    void aJsonFolderIsImportedOnceAndItsRunsAnswerTheirIds() throws Exception {
        Path runs = Files.createDirectory(folder.resolve("runs"));
        RunSpec kept = TinyRuns.spec(TinyRuns.ONE_LAYER, TinyRuns.W4A4, 1);
        RunSpec edited = TinyRuns.spec(TinyRuns.ONE_LAYER, TinyRuns.W4A4, 2);
        Files.writeString(runs.resolve(kept.runId() + ".json"), runFile(kept, 2.125));
        Files.writeString(runs.resolve(edited.runId() + ".json"), runFile(edited, 2.0).replace("\"loss\" : 2.0", "\"loss\" : 1.0"));
        Path file = runs.resolve(RunDatabase.FILE_NAME);
        try (RunStore store = RunStore.open(runs)) {
            assertEquals(file, store.file(), "a folder keeps runs.db");
            RunRecord answered = store.find(kept.runId(), kept.config());
            assertEquals(2.125, answered.loss());
            assertEquals(List.of(Map.of("step", 1L, "loss", 2.75), Map.of("step", 4L, "loss", 2.125)), answered.curve());
            assertNull(store.find(edited.runId(), edited.config()), "an edited file is not imported");
            RunRecord listed = store.list(Map.of("layers", 1L)).get(0);
            assertEquals(TinyRuns.ONE_LAYER, listed.config().get("model"), "the model is read back from its text");
            assertEquals(RunStoreQueries.NOT_RECORDED, listed.config().get("scheme"));
            assertEquals(kept.data().describe(), listed.config().get("data"));
            assertEquals(Map.of("engine", 1L), listed.provenance(), "the file recorded nothing more");
        }
        assertEquals(1, count(file, "SELECT count(*) FROM runs WHERE config_json IS NULL AND config_source LIKE 'imported from "
                + runs.resolve(kept.runId() + ".json") + "%'"));
        assertEquals(1, count(file, "SELECT skipped FROM imports"));
        TinyRuns.execute(file, "DELETE FROM runs");
        RunStore.open(runs).close();
        assertEquals(0, count(file, "SELECT count(*) FROM runs"), "imported once only");
    }

    @Test
    void theOldDefaultFolderBesideTheDatabaseIsImported() throws Exception {
        Path runs = Files.createDirectory(folder.resolve("runs"));
        RunSpec spec = TinyRuns.spec(TinyRuns.TWO_LAYERS, TinyRuns.FP, 3);
        Files.writeString(runs.resolve(spec.runId() + ".json"), runFile(spec, 2.25));
        try (RunStore store = RunStore.open(folder.resolve("runs.db"))) {
            assertEquals(2.25, store.find(spec.runId(), spec.config()).loss());
        }
    }
}
