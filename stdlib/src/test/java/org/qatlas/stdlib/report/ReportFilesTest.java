package org.qatlas.stdlib.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qatlas.stdlib.report.ReportFixtures.row;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.quant.FormatValue;
import org.qatlas.stdlib.quant.SchemeValue;
import org.qatlas.stdlib.table.TableFiles;
import org.qatlas.stdlib.data.Corpus;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.store.RunRows;
import org.qatlas.stdlib.train.Budget;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;

class ReportFilesTest {
    @TempDir
    Path folder;

    @Test
    void theRunsAreWrittenAsCsvBesideThePage() throws IOException {
        List<Map<String, Object>> runs = ReportRows.of(List.of(row("N", 74_302_464L, "loss", 1.50938412, "scheme", "fp, \"g32\""),
                row("N", 145_000_000L, "loss", 1.25, "scheme", "w4a4")), FileAccess.local(), "runs");
        Path page = folder.resolve("out/study.html");
        ReportFiles.write(new Report("Study", List.of(new Section.Text("x")), runs), page.toString(), FileAccess.local());
        Path csv = folder.resolve("out/study-runs.csv");
        assertEquals(runs, TableFiles.load(csv), "exact values, not the rounded ones the page shows");
        assertTrue(Files.readString(page).contains("<a href=\"study-runs.csv\">study-runs.csv</a> (2 runs, CSV)"));
        try (var files = Files.list(folder.resolve("out"))) {
            assertEquals(2, files.count(), "the page and the CSV, no temporary left");
        }
    }

    @Test
    void aPathThatIsNotHtmlIsRefusedBeforeAnythingIsWritten() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportFiles.write(
                new Report("t", List.of(), List.of(row("a", 1L))), folder.resolve("study.csv").toString(), FileAccess.local()));
        assertEquals("report: the path must name an .html file, not \"" + folder.resolve("study.csv") + "\"", e.getMessage());
        assertFalse(Files.exists(folder.resolve("study-runs.csv")));
    }

    @Test
    void aRunIsTheRowSaveWritesAndRecordsAreSpreadIntoColumns() {
        ModelValue model = ModelValue.TABLE.make(row("layers", 1L, "hidden", 16L, "ffn", 32L, "heads", 2L, "kv_heads", 1L, "seq", 16L));
        SchemeValue scheme = SchemeValue.TABLE.make(row("weights", FormatValue.INT.make(row("bits", 4L, "group", 32L))));
        RunSpec spec = new RunSpec(model, scheme, Budget.TABLE.make(row("tokens", 512L)), Corpus.builtin("austen", 0.05, 0), 1);
        RunRecord run = new RunRecord("87cdb72ff263", 1.5, Double.NaN, List.of(), 512L, 4L, 2.0, 256.0, 1.0, 0.01, spec.config(),
                Map.of());
        Map<String, Object> flat = ReportRows.of(List.of(run), FileAccess.local(), "runs").get(0);
        assertEquals(RunRows.of(run), flat, "the same row as save writes");
        assertEquals(4L, flat.get("weight_bits"), "with the configuration's columns");

        List<Map<String, Object>> curve = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            curve.add(row("step", (long) i, "loss", 3.0 - i * 0.01));
        }
        Map<String, Object> record = ReportRows.of(List.of(row("name", "a", "curve", curve, "config", row("scheme", scheme, "seed", 1L),
                "diagnostics", row("kurtosis", row("layers.0.fc2.input", 61.6)))), FileAccess.local(), "rows").get(0);
        assertEquals("[50 items]", record.get("curve"), "a long list is shown by its size");
        assertEquals("quant(weights: int(4, group: 32))", record.get("config.scheme"), "a domain value as scripts write it");
        assertEquals(1L, record.get("config.seed"));
        assertEquals("{ \"layers.0.fc2.input\": 61.6 }", record.get("diagnostics.kurtosis"), "a short record two levels down as text");
    }
}
