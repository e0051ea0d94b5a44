package org.qatlas.stdlib.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    void anEditedFileIsNotTrustedAndSaysWhy(@TempDir Path folder) throws Exception {
        RunStore.inFolder(folder).put(run("abc123def456"));
        Path file = folder.resolve("abc123def456.json");
        String text = Files.readString(file);
        assertTrue(text.contains("\"loss\" : 1.106"), text);
        List<String> warnings = new ArrayList<>();
        Files.writeString(file, text.replace("\"loss\" : 1.106", "\"loss\" : -42"));
        assertNull(RunStore.inFolder(folder).find("abc123def456", Map.of(), warnings::add));
        Files.writeString(file, text.replace("\"loss\" : 1.106", "\"loss\" : 1.0"));
        assertNull(RunStore.inFolder(folder).find("abc123def456", Map.of(), warnings::add), "a plausible edit");
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(1).contains("digest does not match"), warnings.get(1));
        assertTrue(warnings.get(1).startsWith("train: warning: ignoring the stored run " + file), warnings.get(1));
    }

    @Test
    void aNumberNoRunCanHaveIsRefusedEvenWithARightDigest(@TempDir Path folder) throws Exception {
        RunRecord bad = new RunRecord("abc123def456", -42, 1.2, List.of(), 1000L, 10L, 1.0, 1000.0, 1.0, 0.1, Map.of(), Map.of());
        Files.writeString(folder.resolve("abc123def456.json"), RunStore.write(bad));
        List<String> warnings = new ArrayList<>();
        assertNull(RunStore.inFolder(folder).find("abc123def456", Map.of(), warnings::add));
        assertTrue(warnings.get(0).contains("its loss is -42.0, which no run can have"), warnings.get(0));
    }

    @Test
    void aRunWithoutHeldOutLossKeepsItAsNone(@TempDir Path folder) {
        RunRecord saved = run("abc123def456");
        RunRecord noHeldOut = new RunRecord(saved.runId(), saved.loss(), Double.NaN, saved.curve(), saved.tokens(), saved.steps(),
                saved.seconds(), saved.tokensPerSecond(), saved.gflops(), saved.mfu(), saved.config(), saved.diagnostics());
        RunStore.inFolder(folder).put(noHeldOut);
        RunRecord found = RunStore.inFolder(folder).find("abc123def456", saved.config());
        assertTrue(Double.isNaN(found.evalLoss()));
        assertNull(found.field("eval_loss"), "none in a script");
    }

    @Test
    void aStoreThatCannotBeWrittenSaysWhere(@TempDir Path folder) throws Exception {
        Path blocker = Files.writeString(folder.resolve("a-file"), "x");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> RunStore.inFolder(blocker.resolve("runs")).put(run("abc123def456")));
        assertTrue(e.getMessage().startsWith("cannot save run abc123def456 in " + blocker.resolve("runs")), e.getMessage());
    }

    @Test
    void storesInMemoryAreSeparate() {
        RunStore first = RunStore.inMemory();
        first.put(run("abc123def456"));
        assertNotNull(first.find("abc123def456", Map.of()));
        assertNull(RunStore.inMemory().find("abc123def456", Map.of()), "another store, another context's runs");
        assertNull(first.folder());
    }
}
