package org.qatlas.stdlib.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qatlas.stdlib.store.RunSchema;
import org.qatlas.stdlib.store.RunSchema.Column;
import org.qatlas.stdlib.store.RunSchema.Group;
import org.qatlas.stdlib.store.TinyRuns;
import org.qatlas.stdlib.io.FileAccess;

/** Runs kept in a store's file: found again by another store on the file, with every column filled and checked. */
class RunStoreTest {
    @TempDir
    Path folder;

    /** Every column of the file's row for the run, by name. */
    private static Map<String, Object> row(Path file, String runId) throws Exception {
        try (Connection sql = TinyRuns.sql(file); Statement statement = sql.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM runs WHERE run_id = '" + runId + "'")) {
            assertTrue(rows.next(), "a row for " + runId);
            Map<String, Object> columns = new LinkedHashMap<>();
            for (Column column : RunSchema.COLUMNS) {
                columns.put(column.name(), rows.getObject(column.name()));
            }
            return columns;
        }
    }

    private static void assertFilled(Map<String, Object> row, List<Group> empty) {
        for (Column column : RunSchema.COLUMNS) {
            if (empty.contains(column.group())) {
                assertNull(row.get(column.name()), column.name());
            } else {
                assertNotNull(row.get(column.name()), column.name() + " of " + row);
            }
        }
    }

    @Test
    void aFinishedRunIsAnsweredByAnotherStoreOnTheFileWithoutTraining() {
        RunSpec spec = TinyRuns.spec(TinyRuns.ONE_LAYER, TinyRuns.W4A4, 1);
        Path file = folder.resolve("runs.db");
        RunRecord trained;
        try (RunStore first = RunStore.open(file)) {
            trained = TinyRuns.train(spec, first);
        }
        try (RunStore second = RunStore.open(file)) {
            AtomicLong steps = new AtomicLong();
            Monitor counting = new Monitor() {
                @Override
                public void step(long step, long total, long tokens, double loss, double tokensPerSecond) {
                    steps.incrementAndGet();
                }
            };
            RunRecord answered = Trainer.train(spec.model(), spec.scheme(), spec.budget(), spec.data(), spec.seed(),
                    CheckpointPlan.NONE, counting, second);
            assertEquals(0, steps.get(), "answered, not trained");
            assertEquals(trained, answered, "every result, the curve, the diagnostics and the provenance come back");
            assertEquals(spec.config(), answered.config());
        }
    }

    @Test
    void aFinishedRowHasEveryColumnButTheFailure() throws Exception {
        RunSpec spec = TinyRuns.spec(TinyRuns.ONE_LAYER, TinyRuns.W4A4, 2);
        Path file = folder.resolve("runs.db");
        RunRecord run;
        try (RunStore store = RunStore.open(file)) {
            run = TinyRuns.train(spec, store);
        }
        Map<String, Object> row = row(file, spec.runId());
        assertFilled(row, List.of(Group.FAILURE));
        assertEquals("finished", row.get("status"));
        assertEquals(4, ((Number) row.get("weight_bits")).intValue());
        assertEquals(8, ((Number) row.get("act_group")).intValue());
        assertEquals("trained", row.get("config_source"));
        assertEquals(spec.runId(), RunSpecCodec.read((String) row.get("config_json"), FileAccess.local()).runId(),
                "the JSON is the whole configuration");
        assertTrue(((String) row.get("config")).contains("schedule: cosine(warmup: 0.05, floor: 0.1)"), (String) row.get("config"));
        assertEquals(Provenance.KEYS, List.copyOf(run.provenance().keySet()));
        assertEquals(Trainer.ENGINE_VERSION, run.provenance().get("engine"));
        assertEquals(ProcessHandle.current().pid(), run.provenance().get("pid"));
        assertFalse(((String) run.provenance().get("openblas_core")).isEmpty());
    }

    @Test
    void aFailedRunKeepsItsConfigurationStepAndReason() throws Exception {
        RunSpec spec = TinyRuns.spec(TinyRuns.TWO_LAYERS, TinyRuns.FP, 3);
        Path file = folder.resolve("runs.db");
        RunFailure failure = new RunFailure(3, "train: the loss became nan at step 3 of 4 (fp phase); lower lr or grad_clip");
        try (RunStore store = RunStore.open(file)) {
            assertTrue(store.claim(spec));
            assertEquals(RunStore.Status.RUNNING, store.status(spec.runId()));
            store.fail(spec, failure);
        }
        assertFilled(row(file, spec.runId()), List.of(Group.RESULT));
        try (RunStore other = RunStore.open(file)) {
            assertEquals(RunStore.Status.FAILED, other.status(spec.runId()));
            assertEquals(failure, other.failure(spec.runId()));
            assertNull(other.find(spec.runId(), spec.config()), "a failed run answers nothing");
            RunRecord listed = other.list(Map.of("status", "failed")).get(0);
            assertEquals(3L, listed.provenance().get(Provenance.FAILED_STEP));
            assertEquals(failure.reason(), listed.provenance().get(Provenance.FAILURE));
            assertTrue(Double.isNaN(listed.loss()));
            assertEquals(spec.config().toString(), listed.config().toString());
            assertTrue(other.claim(spec), "a failed run may be tried again");
            assertEquals(failure, other.failure(spec.runId()), "the last try's failure, while it is tried again");
        }
    }

    @Test
    void aRunOfAnotherEngineVersionAnswersNothingButIsListed() {
        RunSpec spec = TinyRuns.spec(TinyRuns.ONE_LAYER, TinyRuns.FP, 4);
        try (RunStore store = RunStore.open(folder.resolve("runs.db"))) {
            RunRecord trained = TinyRuns.train(spec, RunStore.inMemory());
            Map<String, Object> provenance = new LinkedHashMap<>(trained.provenance());
            provenance.put("engine", Trainer.ENGINE_VERSION + 1);
            store.put(spec, new RunRecord(trained.runId(), trained.loss(), trained.evalLoss(), trained.curve(), trained.tokens(),
                    trained.steps(), trained.seconds(), trained.tokensPerSecond(), trained.gflops(), trained.mfu(),
                    trained.config(), trained.diagnostics(), provenance));
            assertNull(store.find(spec.runId(), spec.config()));
            assertEquals(List.of(Trainer.ENGINE_VERSION + 1), store.list(Map.of()).stream()
                    .map(r -> r.provenance().get("engine")).toList());
            assertTrue(store.claim(spec), "this engine trains it again");
        }
    }

    @Test
    void aRowThatWasEditedOrHoldsImpossibleNumbersIsNotTrusted() throws Exception {
        RunSpec spec = TinyRuns.spec(TinyRuns.ONE_LAYER, TinyRuns.FP, 5);
        Path file = folder.resolve("runs.db");
        RunRecord trained = TinyRuns.train(spec, RunStore.inMemory());
        List<String> warnings = new ArrayList<>();
        try (RunStore store = RunStore.open(file)) {
            store.put(spec, trained);
        }
        TinyRuns.execute(file, "UPDATE runs SET loss = 1.0");
        try (RunStore store = RunStore.open(file)) {
            assertNull(store.find(spec.runId(), spec.config(), warnings::add), "a plausible edit");
            assertTrue(store.list(Map.of(), warnings::add).isEmpty(), "nor listed");
            store.put(spec, new RunRecord(spec.runId(), -42, 1.2, trained.curve(), 1000L, 10L, 1.0, 1000.0, 1.0, 0.1,
                    spec.config(), Map.of(), trained.provenance()));
            assertNull(store.find(spec.runId(), spec.config(), warnings::add), "a right digest of a wrong number");
            assertTrue(store.claim(spec), "an untrusted row is trained again");
        }
        assertEquals(3, warnings.size(), warnings.toString());
        assertEquals("train: warning: ignoring the stored run " + spec.runId() + " in " + file
                + " (its digest does not match its contents: it was edited or damaged); training it again", warnings.get(0));
        assertTrue(warnings.get(1).startsWith("runs: warning: leaving out the stored run " + spec.runId()), warnings.get(1));
        assertTrue(warnings.get(2).contains("(its loss is -42.0, which no run can have)"), warnings.get(2));
    }

    @Test
    void aStoreThatCannotBeWrittenKeepsRunsInMemoryAndSaysWhere() throws Exception {
        Path blocker = Files.writeString(folder.resolve("a-file"), "x");
        RunSpec spec = TinyRuns.spec(TinyRuns.ONE_LAYER, TinyRuns.FP, 6);
        RunRecord trained = TinyRuns.train(spec, RunStore.inMemory());
        try (RunStore store = RunStore.open(blocker.resolve("runs"))) {
            assertNotNull(store.problem());
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> store.put(spec, trained));
            assertTrue(e.getMessage().startsWith("cannot save run " + spec.runId() + " in " + blocker.resolve("runs/runs.db")
                    + ": "), e.getMessage());
            assertEquals(trained, store.find(spec.runId(), spec.config()), "kept in memory");
        }
    }

    @Test
    void filesThatAreNotRunStoresAreRefusedByName() throws Exception {
        Path text = Files.writeString(folder.resolve("notes.txt"), "these are notes, not runs\n".repeat(100));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunStore.open(text));
        assertTrue(e.getMessage().startsWith("the run store " + text + " is not a Qatlas run store: it is not an SQLite "
                + "database"), e.getMessage());
        Path other = folder.resolve("other.db");
        TinyRuns.execute(other, "CREATE TABLE customers (name TEXT)");
        e = assertThrows(IllegalArgumentException.class, () -> RunStore.open(other));
        assertTrue(e.getMessage().contains(other + " is not a Qatlas run store: it is an SQLite database of another program"),
                e.getMessage());
        Path newer = folder.resolve("newer.db");
        RunStore.open(newer).close();
        TinyRuns.execute(newer, "PRAGMA user_version = 99");
        e = assertThrows(IllegalArgumentException.class, () -> RunStore.open(newer));
        assertTrue(e.getMessage().contains("written by a newer Qatlas (layout 99"), e.getMessage());
        assertEquals(0, Files.size(Files.writeString(folder.resolve("empty.db"), "")));
        RunStore.open(folder.resolve("empty.db")).close(); // an empty file becomes a store
    }

    @Test
    void aRunPutWithoutItsSpecKeepsTheConfigurationItsClaimRecorded() throws Exception {
        RunSpec spec = TinyRuns.spec(TinyRuns.TWO_LAYERS, TinyRuns.W4A4, 8);
        Path file = folder.resolve("runs.db");
        RunRecord trained = TinyRuns.train(spec, RunStore.inMemory());
        try (RunStore store = RunStore.open(file)) {
            assertTrue(store.claim(spec));
            store.put(trained);
        }
        String json = (String) row(file, spec.runId()).get("config_json");
        assertEquals(RunSpecCodec.write(spec), json, "with the data's settings, which the record does not have");
    }

    @Test
    void storesInMemoryAreSeparate() {
        RunSpec spec = TinyRuns.spec(TinyRuns.ONE_LAYER, TinyRuns.FP, 7);
        RunStore first = RunStore.inMemory();
        RunRecord run = TinyRuns.train(spec, first);
        assertSame(run, first.find(spec.runId(), spec.config()), "the run as it was put");
        assertEquals(1, first.list(Map.of()).size(), "listing works in memory too");
        assertNull(RunStore.inMemory().find(spec.runId(), spec.config()), "another store, another context's runs");
        assertNull(first.file());
    }
}
