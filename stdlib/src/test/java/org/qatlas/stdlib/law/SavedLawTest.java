package org.qatlas.stdlib.law;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedLawTest {
    private static final String SOURCE = "law chen(N, D, G; k = 0.1, gD = 0.1, gG = 0.5, gN = 0.2) = k * D^gD * log2(G)^gG / N^gN";

    private static Fit fit(int bootstrap) {
        Law law = new ChenDeltaLaw();
        double[][] rows = SyntheticData.grid(SyntheticData.logSpaced(1e7, 1e9, 4), SyntheticData.logSpaced(1e9, 1e11, 4),
                new double[] {32, 256});
        SyntheticData data = SyntheticData.of(law, ChenDeltaLaw.W4A4, rows, 0.03, 2);
        return Fitter.fit(law, data.rows, data.targets, FitOptions.defaults().withBootstrap(bootstrap));
    }

    @Test
    void aFitSurvivesTheRoundTripThroughAFile(@TempDir Path dir) throws IOException {
        Fit fit = fit(30);
        Path file = dir.resolve("chen.json");
        Files.writeString(file, fit.toJson(SOURCE));
        SavedLaw saved = SavedLaw.read(file);

        assertEquals(SavedLaw.FORMAT_VERSION, saved.formatVersion());
        assertEquals("chen", saved.name());
        assertEquals(List.of("N", "D", "G"), saved.variables());
        assertEquals(SOURCE, saved.source());
        assertArrayEquals(fit.values(), saved.values(), 0);
        assertEquals(fit.warnings(), saved.warnings());
        assertEquals(fit.statistics(), saved.statistics().toStatistics());
        for (int j = 0; j < 4; j++) {
            SavedParameter p = saved.parameters().get(j);
            assertEquals(new ChenDeltaLaw().parameters().get(j), p.toParameter());
            assertEquals(fit.intervals().get(j), p.interval());
        }
        assertEquals(saved, SavedLaw.parse(saved.toJson(), "again"));
    }

    @Test
    void missingIntervalsAndBoundsAreNullAndNotANumberSurvives() throws IOException {
        Fit fit = fit(0);
        String json = fit.toJson(SOURCE);
        assertTrue(json.contains("\"low\" : null"), json);
        assertTrue(json.contains("\"lower_bound\" : 0.0"), json);
        assertTrue(json.contains("\"mean_relative_error\""), json);
        SavedLaw saved = SavedLaw.parse(json, "text");
        assertNull(saved.parameters().get(0).low());
        assertEquals(Interval.NONE, saved.parameters().get(0).interval());

        // A free parameter has no bound; R^2 of constant targets is NaN.
        SavedLaw tweaked = new SavedLaw(1, "x", List.of("N"), List.of(new SavedParameter("a", 1, null, null, 0.5, null)),
                new SavedStatistics(3, 0.1, Double.NaN, 0.2, Objective.LEAST_SQUARES, 1e-3, true, 1, 1, 1, 0, 0, 0.95, 9),
                List.of(), "law x(N; a = 0.5) = a", "loss");
        SavedLaw back = SavedLaw.parse(tweaked.toJson(), "text");
        assertEquals("loss", back.target());
        assertEquals(Double.NEGATIVE_INFINITY, back.parameters().get(0).toParameter().lowerBound());
        assertTrue(Double.isNaN(back.statistics().rSquared()));
    }

    @Test
    void aMissingFileIsReportedByName(@TempDir Path dir) {
        Path file = dir.resolve("nowhere.json");
        IOException e = assertThrows(IOException.class, () -> SavedLaw.read(file));
        assertTrue(e.getMessage().contains("nowhere.json") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void malformedOrIncompleteJsonIsReportedByName(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"format_version\": 1, \"name\": ");
        IOException e = assertThrows(IOException.class, () -> SavedLaw.read(broken));
        assertTrue(e.getMessage().contains("broken.json") && e.getMessage().contains("malformed"), e.getMessage());

        Path incomplete = dir.resolve("incomplete.json");
        Files.writeString(incomplete, "{\"format_version\": 1, \"name\": \"chen\", \"variables\": [\"N\"]}");
        e = assertThrows(IOException.class, () -> SavedLaw.read(incomplete));
        assertTrue(e.getMessage().contains("incomplete.json") && e.getMessage().contains("\"parameters\""), e.getMessage());

        Path future = dir.resolve("future.json");
        Files.writeString(future, fit(0).toJson(SOURCE).replace("\"format_version\" : 1", "\"format_version\" : 7"));
        e = assertThrows(IOException.class, () -> SavedLaw.read(future));
        assertTrue(e.getMessage().contains("future.json") && e.getMessage().contains("version 7"), e.getMessage());
    }
}
