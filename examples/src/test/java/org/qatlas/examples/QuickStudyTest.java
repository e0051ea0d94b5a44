package org.qatlas.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first study, end to end at a tiny scale: {@code bin/qat run
 * examples/studies/quick.qat FOLDER tiny} trains its grid, fits paper A's law and writes the
 * report with the fitted constants beside Table 1's and the runs as CSV. Which way the deltas
 * and constants come out is the noise of tiny runs, so only their presence is checked.
 */
class QuickStudyTest {

    @TempDir
    Path folder;

    @Test
    void theQuickStudyWritesAReportWithTheFittedLawAndItsRuns() throws Exception {
        TinyStudy study = TinyStudy.run("quick.qat", folder, 180);
        String out = study.out();
        String err = study.err();
        assertTrue(out.startsWith("12 runs, 8 deltas from "), out);
        assertTrue(err.contains("study: 12 runs: 12 trained, 0 from the store, 0 failed"), err);

        String html = Files.readString(folder.resolve("quick.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("Paper A in miniature"), "the title");
        assertTrue(html.contains("Paper A&#39;s law, fitted by") || html.contains("Paper A's law, fitted by"), "the fit's section");
        for (String constant : List.of("gN", "gD", "gG", "0.2186", "0.07450", "0.7779")) {
            assertTrue(html.contains(constant), constant + " in the report");
        }
        List<String> csv = Files.readAllLines(folder.resolve("quick-runs.csv"));
        assertEquals(13, csv.size(), "a header and the 12 runs");
        assertTrue(csv.get(0).startsWith("run_id,loss,eval_loss,"), csv.get(0));
        assertTrue(Files.size(folder.resolve("quick-fit.svg")) > 1000, "the chart");
    }
}
