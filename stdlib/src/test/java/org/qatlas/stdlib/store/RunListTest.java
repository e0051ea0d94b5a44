package org.qatlas.stdlib.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qatlas.stdlib.quant.FormatValue;
import org.qatlas.stdlib.quant.SchemeValue;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunStore;

/** Listing a store: finished runs by default, filtered by columns and by values, configurations rebuilt. */
class RunListTest {
    private static final RunSpec SMALL_FP = TinyRuns.spec(TinyRuns.ONE_LAYER, TinyRuns.FP, 1);
    private static final RunSpec SMALL_W4 = TinyRuns.spec(TinyRuns.ONE_LAYER, TinyRuns.W4A4, 1);
    private static final RunSpec LARGE_W4 = TinyRuns.spec(TinyRuns.TWO_LAYERS, TinyRuns.W4A4, 2);
    private static final RunSpec FAILED = TinyRuns.spec(TinyRuns.TWO_LAYERS, TinyRuns.FP, 3);

    @TempDir
    Path folder;
    private RunStore store;

    @BeforeEach
    void storeOfThreeFinishedRunsAndAFailedOne() {
        store = RunStore.open(folder.resolve("runs.db"));
        RunRecord template = TinyRuns.train(SMALL_FP, store);
        store.put(SMALL_W4, TinyRuns.resultsFor(SMALL_W4, template));
        store.put(LARGE_W4, TinyRuns.resultsFor(LARGE_W4, template));
        store.fail(FAILED, new RunFailure(2, "train: the loss exploded"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<String> ids(Map<String, Object> filter) {
        return store.list(filter).stream().map(RunRecord::runId).sorted().toList();
    }

    private static List<String> ids(RunSpec... specs) {
        return java.util.Arrays.stream(specs).map(RunSpec::runId).sorted().toList();
    }

    @Test
    void finishedRunsByDefaultAndOthersByStatus() {
        assertEquals(ids(SMALL_FP, SMALL_W4, LARGE_W4), ids(Map.of()));
        assertEquals(ids(FAILED), ids(Map.of("status", "failed")));
        assertEquals(ids(SMALL_FP, SMALL_W4, LARGE_W4, FAILED), ids(Map.of("status", List.of("finished", "failed"))));
    }

    @Test
    void columnsFilterByNumbersGivenAsNumbersOrText() {
        assertEquals(ids(SMALL_W4, LARGE_W4), ids(Map.of("weight_bits", 4L)));
        assertEquals(ids(SMALL_FP), ids(Map.of("weight_bits", "32", "layers", 1.0)));
        assertEquals(ids(LARGE_W4), ids(Map.of("seed", List.of(2L, 3L))));
        assertEquals(ids(SMALL_FP, SMALL_W4, LARGE_W4), ids(Map.of("tokens", "512", "lr", 1e-2, "fuse_cooldown", false)));
        assertEquals(List.of(), ids(Map.of("act_group", 32L)));
    }

    @Test
    void valuesFilterByTheirWholeConfiguration() {
        assertEquals(ids(SMALL_W4, LARGE_W4), ids(Map.of("scheme", TinyRuns.W4A4)));
        assertEquals(ids(SMALL_FP, SMALL_W4), ids(Map.of("model", TinyRuns.ONE_LAYER)));
        assertEquals(ids(SMALL_FP, SMALL_W4, LARGE_W4), ids(Map.of("budget", TinyRuns.budget(), "data", TinyRuns.DATA)));
        assertEquals(ids(SMALL_FP, SMALL_W4, LARGE_W4), ids(Map.of("data", TinyRuns.DATA.describe())));
        SchemeValue weightsOnly = new SchemeValue((FormatValue) TinyRuns.W4A4.field("weights"), null);
        assertEquals(List.of(), ids(Map.of("scheme", weightsOnly)), "another scheme, though its weights are the same");
    }

    @Test
    void listedRunsCarryTheirConfigurationAsValues() {
        RunRecord large = store.list(Map.of("layers", 2L)).get(0);
        assertEquals(TinyRuns.TWO_LAYERS, large.config().get("model"));
        assertEquals(TinyRuns.W4A4, (SchemeValue) large.config().get("scheme"));
        assertEquals(TinyRuns.budget(), large.config().get("budget"));
        assertEquals(TinyRuns.DATA.describe(), large.config().get("data"));
        assertEquals(2L, large.config().get("seed"));
    }

    @Test
    void unknownNamesAndWrongValuesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.list(Map.of("lyers", 1L)));
        assertTrue(e.getMessage().startsWith("runs: cannot filter on 'lyers' (did you mean 'layers'?); the filters are "
                + "run_id, engine, status, model, scheme, budget, data, seed, layers,"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> store.list(Map.of("layers", "two")));
        assertEquals("runs: layers must be a number, not \"two\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> store.list(Map.of("status", "done")));
        assertEquals("runs: status must be running, finished or failed, not \"done\"", e.getMessage());
    }
}
