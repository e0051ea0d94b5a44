package org.qatlas.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plot(...) from a script writes the chart a researcher asked for, with its labels and legend. */
class PlotBuiltinTest {
    private static final String RUNS = """
            law chen(N, D, G; k > 0 = 0.1, gD > 0 = 0.1, gG > 0 = 0.5, gN > 0 = 0.2) = k * D^gD * log2(G)^gG / N^gN
            rows = [{ N: n, D: d, G: 32, delta: chen(n, d, 32, k: 0.16, gD: 0.07, gG: 0.78, gN: 0.22) }
                    for n in [74M, 297M] for d in [10B, 30B, 100B]]
            fitted = fit(chen, rows, bootstrap: 0)
            """;

    @Test
    void predictedAgainstMeasuredNamesTheTargetAndTheGroups(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pvm.svg");
        run(RUNS + "plot(fitted, rows, \"" + file + "\")");
        String svg = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(svg.startsWith("<svg") || svg.startsWith("<?xml"), svg.substring(0, 40));
        for (String text : new String[] {"measured delta", "predicted delta", "N = 74M", "N = 297M", "mean relative error"}) {
            assertTrue(svg.contains(text), "the chart shows " + text);
        }
    }

    @Test
    void curvesAgainstOneVariableAreDrawnPerCombinationOfTheOthers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("curves.png");
        run(RUNS + "plot(fitted, rows, \"" + file + "\", x: \"D\")");
        byte[] png = Files.readAllBytes(file);
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        Path svgFile = dir.resolve("curves.svg");
        run(RUNS + "plot(fitted, rows, \"" + svgFile + "\", x: \"D\")");
        String svg = Files.readString(svgFile, StandardCharsets.UTF_8);
        assertTrue(svg.contains("N = 74M, G = 32") && svg.contains("N = 297M, G = 32"), "one legend entry per curve");
    }

    @Test
    void aFunctionOverARangeIsOneCurveWithTheGivenLabels(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("f.svg");
        run("plot(s -> exp(-6.7297 / log(s)), [10, 1e5], \"" + file + "\", x_label: \"tokens per parameter byte\", "
                + "y_label: \"optimal QAT fraction\")");
        String svg = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(svg.contains("tokens per parameter byte") && svg.contains("optimal QAT fraction"));
    }

    @Test
    void anUnknownFormatIsAnErrorAtTheCall(@TempDir Path dir) {
        PolyglotException error = org.junit.jupiter.api.Assertions.assertThrows(PolyglotException.class,
                () -> run("plot(x -> x, [1, 2], \"" + dir.resolve("f.pdf") + "\")"));
        assertTrue(error.isGuestException() && error.getMessage().contains(".svg or .png"), error.getMessage());
        assertEquals(1, error.getSourceLocation().getStartLine());
    }

    private static void run(String script) {
        try (Context context = Context.newBuilder("qat").allowAllAccess(true)
                .option("engine.WarnInterpreterOnly", "false").build()) {
            context.eval("qat", script);
        }
    }
}
