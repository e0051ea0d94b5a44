package org.qatlas.stdlib.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs kept in a folder are found again by a later process, with every result intact. */
class RunStoreTest {
    private static RunRecord run(String id) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("seed", 7L);
        config.put("data", "synthetic(vocab 16)");
        Map<String, Object> kurtosis = new LinkedHashMap<>();
        kurtosis.put("layers.0.fc2.input", 91.7);
        kurtosis.put("layers.0.qkv.input", 3.25);
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("kurtosis", kurtosis);
        List<Map<String, Object>> curve = List.of(Map.of("step", 1L, "loss", 5.5), Map.of("step", 2L, "loss", 4.125));
        return new RunRecord(id, 1.106, 1.213, curve, 1_000_000L, 250L, 12.5, 80_000.0, 3.1, 0.41, config, diagnostics);
    }

    @Test
    void aRunSavedInAFolderIsFoundByAnotherStoreOnTheSameFolder(@TempDir Path folder) {
        RunRecord saved = run("abc123def456");
        RunStore.inFolder(folder).put(saved);
        RunRecord found = RunStore.inFolder(folder).find("abc123def456", saved.config());
        assertEquals(saved.loss(), found.loss());
        assertEquals(saved.evalLoss(), found.evalLoss());
        assertEquals(saved.tokens(), found.tokens());
        assertEquals(saved.steps(), found.steps());
        assertEquals(saved.tokensPerSecond(), found.tokensPerSecond());
        assertEquals(saved.mfu(), found.mfu());
        assertEquals(4.125, ((Number) found.curve().get(1).get("loss")).doubleValue());
        assertEquals(91.7, ((Map<?, ?>) found.diagnostics().get("kurtosis")).get("layers.0.fc2.input"));
        assertEquals(saved.config(), found.config(), "the asking call's configuration is the run's");
    }

    @Test
    void anotherRunIdOrAnUnreadableFileIsNotTrusted(@TempDir Path folder) throws Exception {
        RunStore.inFolder(folder).put(run("abc123def456"));
        assertNull(RunStore.inFolder(folder).find("000000000000", Map.of()));
        Files.writeString(folder.resolve("abc123def456.json"), "{ not json");
        assertNull(RunStore.inFolder(folder).find("abc123def456", Map.of()));
        Files.writeString(folder.resolve("abc123def456.json"), RunStore.write(run("ffffffffffff")));
        assertNull(RunStore.inFolder(folder).find("abc123def456", Map.of()), "a file holding another run");
    }

    @Test
    void theProcessStoreKeepsRunsInMemoryOnly() {
        assertNull(RunStore.inMemory().folder());
    }
}
