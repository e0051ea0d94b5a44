package org.qatlas.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paper A's flagship study end to end at a tiny scale: {@code bin/qat run
 * examples/studies/chen2025.qat FOLDER tiny} sweeps the learning rate, trains its grid and subsets,
 * fits paper A's law (whole and with the largest token count held out), and writes the report
 * with the constants beside Table 1's, the findings beside the paper's values, four charts and the
 * runs as CSV. Which way the deltas and constants come out is the noise of tiny runs, so only the
 * presence of each part is checked, never a sign or a value.
 */
class Chen2025StudyTest {

    @TempDir
    Path folder;

    @Test
    void theTinyStudyGoesThroughEveryStepAndWritesItsReport() throws Exception {
        TinyStudy study = TinyStudy.run("chen2025.qat", folder, 180);
        String out = study.out();
        String err = study.err();

        // 4 sweep runs, then 2 sizes x (2 tokens x 4 schemes + 4 subset schemes) x 2 seeds = 48, of
        // which the 2 sweep runs at the chosen rates are answered again without training.
        assertTrue(out.startsWith("paper A in miniature: 52 runs (4 in the learning-rate sweep), "), out);
        assertTrue(out.contains("learning rates by size: "), out);
        assertTrue(out.contains("24 paired W4A4 deltas from "), out);
        assertTrue(out.contains("12 seed means"), out);
        assertTrue(out.contains("held out D = 16.4K: mean relative error "), out);
        assertTrue(out.contains("(paper A: 0.2186, 0.0745, 0.7779, 0.1582)"), out);
        assertTrue(out.contains(" of 12 findings; "), out);
        assertTrue(err.contains("study: 4 runs: 4 trained, 0 from the store, 0 failed"), err);
        assertTrue(err.contains("study: 48 runs: 46 trained, 2 from the store, 0 failed"), err);

        String html = Files.readString(folder.resolve("chen2025.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("Paper A in miniature"), "the title");
        for (String part : List.of("Learning rates", "Findings", "fitted by", "without D = 16.4K",
                "Predicted against measured", "delta against tokens", "delta against group size",
                "mean over seeds with their spread", "Decomposition at G = 32", "FC2 input at 8 bits",
                "Input kurtosis by layer", "Every W4A4 delta", "of 12 findings were reproduced")) {
            assertTrue(html.contains(part), part + " in the report");
        }
        // Table 1's constants beside the fitted ones, and the paper's other values beside the findings.
        for (String paper : List.of("gN", "gD", "gG", "0.2186", "0.07450", "0.7779", "0.1582", "0.9060", "1.2 to 1.7",
                "123 (others below about 10)", "89 (others below about 10)", "20.5 (G = 32) to 42.9 (G = 256)")) {
            assertTrue(html.contains(paper), paper + " in the report");
        }
        assertEquals(4, html.split(Pattern.quote("<img src=\"data:image/svg+xml;base64,"), -1).length - 1, "the four charts inside the page");

        List<String> csv = Files.readAllLines(folder.resolve("chen2025-runs.csv"));
        assertEquals(1 + 50, csv.size(), "a header and the 50 distinct runs");
        assertTrue(csv.get(0).startsWith("run_id,loss,eval_loss,"), csv.get(0));
        for (String chart : List.of("fit", "tokens", "groups", "kurtosis")) {
            assertTrue(Files.size(folder.resolve("chen2025-" + chart + ".svg")) > 1000, chart + " chart");
        }
    }
}
