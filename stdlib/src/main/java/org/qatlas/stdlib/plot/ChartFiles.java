package org.qatlas.stdlib.plot;

import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.qatlas.stdlib.io.FileAccess;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws charts and writes them as SVG or PNG, the format chosen by the file's extension.
 * Everything runs headless.
 */
public final class ChartFiles {
    private ChartFiles() {
    }

    /** PNGs are drawn at this multiple of the chart's size, so they stay sharp when zoomed. */
    private static final int PNG_SCALE = 2;

    /**
     * Draws a chart into a file, replacing it, after creating missing parent directories.
     *
     * @param chart what to draw
     * @param path a file ending in .svg or .png (case-insensitive)
     * @throws ChartException for another extension (checked before drawing), a chart with
     *     nothing to plot, a log axis over a non-positive value, or a failed write
     */
    public static void save(Chart chart, Path path) {
        save(chart, path.toString(), FileAccess.local());
    }

    /** {@link #save(Chart, Path)} through {@code files}. */
    public static void save(Chart chart, String path, FileAccess files) {
        ChartFormat format = ChartFormat.of(path);
        byte[] bytes = switch (format) {
            case SVG -> svg(chart).getBytes(StandardCharsets.UTF_8);
            case PNG -> png(chart);
        };
        try (OutputStream out = files.newOutputStream(path)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new ChartException(path + ": cannot write the chart: " + e, e);
        }
    }

    /**
     * The chart as a standalone SVG document, with its text as text elements (searchable and
     * selectable). There is no DOCTYPE: SVG 2 has none, and a DTD reference makes XML tools go
     * to the network for it.
     */
    public static String svg(Chart chart) {
        JFreeChart drawn = ChartRenderer.render(chart);
        SVGGraphics2D g2 = new SVGGraphics2D(chart.width(), chart.height());
        drawn.draw(g2, new Rectangle(0, 0, chart.width(), chart.height()));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + g2.getSVGElement() + "\n";
    }

    /** The chart as PNG bytes, drawn at twice its size in pixels. */
    public static byte[] png(Chart chart) {
        JFreeChart drawn = ChartRenderer.render(chart);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            writePng(drawn, chart, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new ChartException("cannot encode the chart as PNG: " + e, e);
        }
    }

    private static void writePng(JFreeChart drawn, Chart chart, OutputStream out) throws IOException {
        ChartUtils.writeScaledChartAsPNG(out, drawn, chart.width(), chart.height(), PNG_SCALE, PNG_SCALE);
    }
}
