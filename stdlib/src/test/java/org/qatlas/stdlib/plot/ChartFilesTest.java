package org.qatlas.stdlib.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartFilesTest {
    @TempDir
    Path dir;

    private static Chart twoSeries() {
        return Chart.of("Loss against steps", "training step", "validation loss", List.of(
                Series.of("int4", new double[] {1, 2, 3}, new double[] {4, 3.5, 3.2}, SeriesStyle.LINE_AND_POINTS),
                Series.of("bf16", new double[] {1, 2, 3}, new double[] {3.9, 3.3, 3.0}, SeriesStyle.LINE)));
    }

    @Test
    void pngHasTheSignatureAndTwiceTheSize() throws Exception {
        Path file = dir.resolve("chart.png");
        ChartFiles.save(twoSeries(), file);
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(bytes, 8));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertEquals(2 * Chart.DEFAULT_WIDTH, image.getWidth());
        assertEquals(2 * Chart.DEFAULT_HEIGHT, image.getHeight());
        assertEquals(0xFFFFFFFF, image.getRGB(2, 2), "white background");
    }

    @Test
    void svgIsWellFormedWithLabelsAndLegendAsText() throws Exception {
        Path file = dir.resolve("charts/nested/chart.SVG");
        ChartFiles.save(twoSeries(), file);
        SvgDocument svg = new SvgDocument(Files.readString(file));
        assertEquals("svg", svg.rootName());
        List<String> texts = svg.texts();
        for (String expected : List.of("Loss against steps", "training step", "validation loss", "int4", "bf16")) {
            assertTrue(texts.contains(expected), expected + " in " + texts);
        }
    }

    @Test
    void unknownExtensionIsRefusedBeforeDrawing() {
        Path file = dir.resolve("chart.pdf");
        ChartException e = assertThrows(ChartException.class, () -> ChartFiles.save(twoSeries(), file));
        assertEquals(file + ": unknown chart format; the file name must end in .svg or .png", e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void emptyChartsAreRefused() {
        Chart none = Chart.of("Empty", "x", "y", List.of());
        assertEquals("chart \"Empty\": nothing to plot: the chart has no series",
                assertThrows(ChartException.class, () -> ChartFiles.svg(none)).getMessage());
        Chart allNaN = Chart.of("", "x", "y", List.of(
                Series.of("a", new double[] {Double.NaN, 1}, new double[] {1, Double.NaN}, SeriesStyle.POINTS),
                Series.of("b", new double[0], new double[0], SeriesStyle.LINE)));
        assertEquals("nothing to plot: every series is empty or has only NaN or infinite points",
                assertThrows(ChartException.class, () -> ChartFiles.png(allNaN)).getMessage());
    }

    @Test
    void nanAndInfinitePointsAreSkipped() throws Exception {
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] y = {1, Double.NaN, 3, Double.POSITIVE_INFINITY, 5, 6};
        Chart chart = Chart.of("gaps", "x", "y", List.of(Series.of("law", x, y, SeriesStyle.LINE_AND_POINTS)))
                .withLogX(true).withLogY(true);
        String svg = ChartFiles.svg(chart);
        new SvgDocument(svg);
        assertFalse(svg.contains("NaN"), "no NaN coordinates in the drawing");
        assertFalse(svg.contains("Infinity"));
        assertTrue(ChartFiles.png(chart).length > 1000);
    }

    @Test
    void chartSavesItself() {
        Path file = dir.resolve("self.png");
        twoSeries().withSize(400, 300).save(file);
        assertTrue(Files.isRegularFile(file));
    }
}
