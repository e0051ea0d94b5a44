package org.qatlas.stdlib.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunStore;

/** A store written in layout 1 (before the backend and device columns) opens, migrates once and keeps its rows trusted. */
class StoreMigrationTest {
    @TempDir
    Path folder;

    @Test
    void aLayoutOneStoreGainsTheBackendColumnsAndKeepsItsRows() throws Exception {
        Path file = folder.resolve("runs.db");
        RunSpec old = TinyRuns.spec(TinyRuns.ONE_LAYER, TinyRuns.FP, 1);
        RunRecord trained;
        try (RunStore store = RunStore.open(file)) {
            trained = TinyRuns.train(old, store);
        }
        // What a layout 1 store held: the run without the two columns, at user_version 1. Its
        // digest was computed without them, as layout 1 computed it.
        Map<String, Object> provenance = new LinkedHashMap<>(trained.provenance());
        provenance.remove("backend");
        provenance.remove("device");
        RunRecord before = new RunRecord(trained.runId(), trained.loss(), trained.evalLoss(), trained.curve(), trained.tokens(),
                trained.steps(), trained.seconds(), trained.tokensPerSecond(), trained.gflops(), trained.mfu(), trained.config(),
                trained.diagnostics(), provenance);
        try (RunStore store = RunStore.open(folder.resolve("other.db"))) {
            store.put(old, before);
        }
        Path layoutOne = folder.resolve("other.db");
        TinyRuns.execute(layoutOne, "ALTER TABLE runs DROP COLUMN backend");
        TinyRuns.execute(layoutOne, "ALTER TABLE runs DROP COLUMN device");
        TinyRuns.execute(layoutOne, "PRAGMA user_version = 1");

        try (RunStore store = RunStore.open(layoutOne)) {
            RunRecord read = store.list(Map.of()).get(0);
            assertEquals(before.loss(), read.loss());
            assertFalse(read.provenance().containsKey("backend"), "a run stored before backends names none");
            RunSpec fresh = TinyRuns.spec(TinyRuns.ONE_LAYER, TinyRuns.FP, 2);
            RunRecord now = TinyRuns.train(fresh, store);
            assertEquals("cpu", now.provenance().get("backend"));
        }
        try (Connection sql = TinyRuns.sql(layoutOne); Statement statement = sql.createStatement()) {
            try (ResultSet version = statement.executeQuery("PRAGMA user_version")) {
                assertEquals(2, version.getInt(1));
            }
            try (ResultSet rows = statement.executeQuery("SELECT backend FROM runs ORDER BY seed")) {
                rows.next();
                assertEquals(null, rows.getString(1));
                rows.next();
                assertEquals("cpu", rows.getString(1));
            }
        }
        // Opened again: nothing left to migrate, both rows still trusted.
        try (RunStore store = RunStore.open(layoutOne)) {
            assertEquals(List.of(1L, 2L), store.list(Map.of()).stream().map(r -> (Long) r.config().get("seed")).toList());
        }
    }
}
