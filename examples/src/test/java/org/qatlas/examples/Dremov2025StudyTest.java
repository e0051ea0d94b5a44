package org.qatlas.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paper B's study end to end at a tiny scale: {@code bin/qat run examples/studies/dremov2025.qat
 * FOLDER tiny} trains its grid of QAT fractions, bit widths and pipelines, finds the optimal
 * fraction at each budget, fits paper B's f*(S) and loss law, asks best_bits, and writes the
 * report and the runs as CSV. What the fits and findings come out as is the noise of tiny runs,
 * so the test checks that every part is there, never which way a finding went.
 */
class Dremov2025StudyTest {
    /** 3 budgets x 4 fractions x 2 widths x 2 pipelines, 4 fractions of the large model, and 4 FP runs. */
    private static final int RUNS = 56;

    @TempDir
    Path folder;

    @Test
    void thePaperBStudyWritesAReportWithItsFitsFindingsChartsAndRuns() throws Exception {
        TinyStudy study = TinyStudy.run("dremov2025.qat", folder, 240);
        String out = study.out();
        String err = study.err();
        assertTrue(out.startsWith("paper B study: " + RUNS + " runs, "), "the plan and its time first: " + out);
        assertTrue(err.contains("study: " + RUNS + " runs: " + RUNS + " trained, 0 from the store, 0 failed"), err);
        for (String line : List.of("f*: a = ", "(paper B: 6.7297)", "fused cooldown gain: ", "loss law: R^2 ", "best_bits under ",
                "report: ")) {
            assertTrue(out.contains(line), "the summary prints " + line + ": " + out);
        }

        String html = Files.readString(folder.resolve("dremov2025.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<title>Paper B in miniature: compute-optimal QAT"), "the title");
        for (String heading : List.of("Findings", "Goals not met", "The loss-optimal QAT fraction",
                "Fused cooldown against the standard pipeline", "Paper B&#39;s loss law", "best_bits under a memory budget")) {
            assertTrue(html.contains(heading) || html.contains(heading.replace("&#39;", "'")), heading + " in the report");
        }
        // The findings table: seven claims and one best_bits check per budget of the large model, with a verdict each.
        Matcher tally = Pattern.compile("(\\d+) of (\\d+) claims reproduced").matcher(html);
        assertTrue(tally.find(), "the findings' tally");
        assertEquals("8", tally.group(2), "the number of findings");
        assertTrue(html.contains("This is the tiny study"), "the report says which goals the tiny study cannot meet");
        // The fitted constants beside the paper's: a of f*(S), and the loss law's two parts.
        assertTrue(html.contains("6.7297") || html.contains("6.730"), "paper B's a");
        for (String constant : List.of(">a<", ">E<", ">Bc<", ">beta<", ">theta<", ">phi<", ">omega<", ">lam<", ">xi<", ">rho<")) {
            assertTrue(html.contains(constant), constant + " in the report");
        }
        for (String column : List.of(">f_star<", ">paper_f_star<", ">law_f_star<", ">gain_pct<", ">law_bits<", ">measured_bits<")) {
            assertTrue(html.contains(column), column + " in the report's tables");
        }
        assertEquals(5, count(html, "<img src=\"data:image/svg+xml;base64,"), "f*, fused gains, the law at 2 and 4 bits, the fit");

        List<String> csv = Files.readAllLines(folder.resolve("dremov2025-runs.csv"));
        assertEquals(RUNS + 1, csv.size(), "a header and the runs");
        assertTrue(csv.get(0).startsWith("run_id,loss,eval_loss,"), csv.get(0));
        assertTrue(csv.get(0).contains("qat_fraction") && csv.get(0).contains("fuse_cooldown"), csv.get(0));
        for (String chart : List.of("fstar", "fused", "law-2bit", "law-4bit", "fit")) {
            assertTrue(Files.size(folder.resolve("dremov2025-" + chart + ".svg")) > 1000, chart + " chart");
        }
    }

    private static int count(String text, String part) {
        int found = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            found++;
        }
        return found;
    }
}
