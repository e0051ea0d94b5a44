package org.qatlas.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qatlas.stdlib.table.TableFiles;

/** report(...) from a script: one HTML file with its sections, the runs as CSV beside it, and located errors. */
class ReportBuiltinTest {
    private static final String FITTED = """
            law chen(N, D, G; k > 0 = 0.1, gD > 0 = 0.1, gG > 0 = 0.5, gN > 0 = 0.2) = k * D^gD * log2(G)^gG / N^gN
            rows = [{ N: n, D: d, G: 32, delta: chen(n, d, 32, k: 0.16, gD: 0.07, gG: 0.78, gN: 0.22), name: "run ${n}" }
                    for n in [74M, 297M] for d in [10B, 30B, 100B]]
            fitted = fit(chen, [{ N: r.N, D: r.D, G: r.G, delta: r.delta } for r in rows], bootstrap: 20)
            import chen2025
            """;

    @TempDir
    Path folder;

    private String path(String name) {
        return folder.resolve(name).toString().replace("\\", "/");
    }

    private static String run(Context context, String script) {
        return context.eval("qat", script).toString();
    }

    private static PolyglotException error(Context context, String script, int line) {
        PolyglotException e = assertThrows(PolyglotException.class, () -> context.eval("qat", script));
        assertTrue(e.isGuestException() && !e.isInternalError(), e.getMessage());
        assertEquals(line, e.getSourceLocation().getStartLine(), e.getMessage());
        return e;
    }

    @Test
    void aScriptWritesTheReportAndItsRuns() throws Exception {
        String script = FITTED + "chart = plot(fitted, rows, \"" + path("fit.svg") + "\")\n"
                + "report(\"" + path("study.html") + "\", title: \"Paper A in miniature\", runs: rows, sections: [\n"
                + "  \"Six rows made from paper A's law.\",\n"
                + "  { heading: \"Runs\", table: rows, columns: [\"name\", \"N\", \"delta\"] },\n"
                + "  { chart: chart, caption: \"Predicted against measured\" },\n"
                + "  { heading: \"Constants\", law: fitted, paper: chen2025.w4a4 },\n"
                + "  { findings: [{ claim: \"delta falls with N\", paper: \"-34%\", measured: -0.26, interval: [-0.3, -0.2], "
                + "reproduced: \"yes\" }] }])";
        try (Context context = Context.newBuilder("qat").allowIO(IOAccess.ALL).build()) {
            assertEquals(path("study.html"), context.eval("qat", script).asString(), "report returns its path");
        }
        String page = Files.readString(folder.resolve("study.html"));
        assertTrue(page.contains("<h1>Paper A in miniature</h1>"));
        assertTrue(page.contains("<p>Six rows made from paper A&#39;s law.</p>"));
        assertTrue(page.contains("<thead><tr><th>name</th><th class=\"num\">N</th><th class=\"num\">delta</th></tr></thead>"),
                "the chosen columns, in order");
        assertTrue(page.contains("<figure>\n<img src=\"data:image/svg+xml;base64,"), "the chart is in the page");
        assertTrue(page.contains("<p class=\"caption\">law chen fitted to 6 rows: mean relative error "));
        assertTrue(page.contains("<tr><th scope=\"row\">k</th>") && page.contains("<td class=\"num\">0.1582</td>"),
                "Table 1's k beside the fitted one");
        assertTrue(page.contains("<td>delta falls with N</td>"));
        List<Map<String, Object>> runs = TableFiles.load(folder.resolve("study-runs.csv"));
        assertEquals(6, runs.size());
        assertEquals(List.of("N", "D", "G", "delta", "name"), List.copyOf(runs.get(0).keySet()));
        assertEquals(74_000_000L, runs.get(0).get("N"));
    }

    @Test
    void runsAreTheRowsSaveWrites() throws Exception {
        String script = """
                text = corpus("builtin:austen")
                tiny = llama(layers: 1, hidden: 16, ffn: 32, heads: 2, kv_heads: 1, seq: 16)
                b = budget(tokens: 4 * 8 * 16, batch: 8, eval_tokens: 256)
                runs = [train(tiny, s, b, text, seed: 1) for s in [quant(), quant(weights: int(4, group: 16))]]
                """ + "report(\"" + path("runs.html") + "\", runs: runs, sections: [{ table: runs, columns: [\"weight_bits\", \"loss\", "
                + "\"steps\"] }])";
        try (Context context = Context.newBuilder("qat").allowIO(IOAccess.ALL).build()) {
            context.eval("qat", script);
        }
        String page = Files.readString(folder.resolve("runs.html"));
        assertTrue(page.contains("<thead><tr><th class=\"num\">weight_bits</th><th class=\"num\">loss</th>"), page);
        assertTrue(page.contains("<tr><td class=\"num\">4</td><td class=\"num\" title="), page);
        List<Map<String, Object>> rows = TableFiles.load(folder.resolve("runs-runs.csv"));
        assertEquals(32L, rows.get(0).get("weight_bits"), "full precision");
        assertEquals(4L, rows.get(1).get("weight_bits"));
        assertEquals(4L, rows.get(1).get("steps"));
        assertEquals("corpus(\"builtin:austen\", holdout: 0.05, seed: 0; 4024616 bytes, sha256 2425c52d78dff146)",
                rows.get(0).get("data"));
    }

    @Test
    void namesAndNotesFromScriptsAreShownNotRun() throws Exception {
        String name = "<script>alert(1)</script>";
        try (Context context = Context.newBuilder("qat").allowIO(IOAccess.ALL).build()) {
            run(context, "report(\"" + path("x.html") + "\", title: \"" + name + "\", runs: [{ name: \"" + name + "\" }], "
                    + "sections: [{ table: [{ name: \"" + name + "\" }] }, { findings: [{ claim: \"" + name + "\", note: \"" + name
                    + "\", reproduced: false }] }])");
        }
        String page = Files.readString(folder.resolve("x.html"));
        assertFalse(page.contains("<script"), page);
        assertTrue(page.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"));
    }

    @Test
    void badCallsAreErrorsAtTheirLine() {
        try (Context context = Context.newBuilder("qat").allowIO(IOAccess.ALL).build()) {
            assertEquals("report() missing argument 'path'",
                    error(context, "x = 1\nreport(title: \"t\", sections: [\"x\"])", 2).getMessage());
            assertEquals("report: sections[0] is no kind of section: a section is a record with one of the fields text, table, "
                    + "chart, law, findings (or heading alone); it has plot",
                    error(context, "report(\"" + path("r.html") + "\", sections: [{ plot: 1 }])", 1).getMessage());
            assertEquals("report: the path must name an .html file, not \"" + path("r.pdf") + "\"",
                    error(context, "report(\"" + path("r.pdf") + "\", sections: [\"x\"])", 1).getMessage());
            assertEquals("report: there is nothing to report; give sections: [...] or runs: rows",
                    error(context, "report(\"" + path("r.html") + "\")", 1).getMessage());
            String unfitted = error(context, "law f(x; a = 1) = a * x\nreport(\"" + path("r.html") + "\", sections: [{ law: f }])", 2)
                    .getMessage();
            assertEquals("report: sections[0].law: law f is not fitted; report the result of fit(f, rows, target: ...)", unfitted);
        }
        assertFalse(Files.exists(folder.resolve("r.html")), "no failed call wrote a report");
    }

    @Test
    void aContextWithoutFileAccessIsRefusedLikeSave() {
        try (Context context = Context.create("qat")) {
            String message = error(context, "x = 1\nreport(\"" + path("r.html") + "\", sections: [\"text\"])", 2).getMessage();
            assertTrue(message.startsWith("report: access to " + path("r.html")), message);
            assertTrue(message.contains("is not allowed"), message);
            String chart = error(context, "report(\"" + path("r.html") + "\", sections: [{ chart: \"" + path("fit.svg") + "\" }])", 1)
                    .getMessage();
            assertTrue(chart.startsWith("report: access to " + path("fit.svg")), chart);
        }
        assertFalse(Files.exists(folder.resolve("r.html")));
    }
}
