package org.qatlas.stdlib.plot;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a chart shows, independent of how it is drawn: an immutable value, changed by copying
 * with the {@code with...} methods. {@link ChartFiles#save} draws and writes it.
 *
 * @param title the title above the plot ("" for none)
 * @param subtitle a smaller line under the title ("" for none), e.g. a fit's error
 * @param xLabel the x axis label
 * @param yLabel the y axis label
 * @param logX whether the x axis is logarithmic; every drawn x must then be positive
 * @param logY whether the y axis is logarithmic; every drawn y must then be positive
 * @param series the series, drawn in order (later ones on top)
 * @param identityLine whether to draw the dashed line y = x (for predicted against measured)
 * @param equalAxes whether both axes show the same range (for predicted against measured)
 * @param width the width in pixels (PNGs are rendered at twice this for sharpness)
 * @param height the height in pixels
 */
public record Chart(String title, String subtitle, String xLabel, String yLabel, boolean logX, boolean logY,
        List<Series> series, boolean identityLine, boolean equalAxes, int width, int height) {
    /** The default width in pixels. */
    public static final int DEFAULT_WIDTH = 800;
    /** The default height in pixels. */
    public static final int DEFAULT_HEIGHT = 560;

    /** Checks the sizes and copies the series list. */
    public Chart {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(subtitle, "subtitle");
        Objects.requireNonNull(xLabel, "xLabel");
        Objects.requireNonNull(yLabel, "yLabel");
        series = List.copyOf(series);
        if (width < 100 || height < 100 || width > 10_000 || height > 10_000) {
            throw new ChartException("a chart must be between 100 and 10000 pixels each way, not "
                    + width + "x" + height);
        }
    }

    /** A chart with linear axes, no subtitle and no identity line, at the default size. */
    public static Chart of(String title, String xLabel, String yLabel, List<Series> series) {
        return new Chart(title, "", xLabel, yLabel, false, false, series, false, false, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /** A copy with these axis labels. */
    public Chart withLabels(String newXLabel, String newYLabel) {
        return new Chart(title, subtitle, newXLabel, newYLabel, logX, logY, series, identityLine, equalAxes, width, height);
    }

    /** A copy with this subtitle. */
    public Chart withSubtitle(String text) {
        return new Chart(title, text, xLabel, yLabel, logX, logY, series, identityLine, equalAxes, width, height);
    }

    /** A copy with the x axis logarithmic or not. */
    public Chart withLogX(boolean log) {
        return new Chart(title, subtitle, xLabel, yLabel, log, logY, series, identityLine, equalAxes, width, height);
    }

    /** A copy with the y axis logarithmic or not. */
    public Chart withLogY(boolean log) {
        return new Chart(title, subtitle, xLabel, yLabel, logX, log, series, identityLine, equalAxes, width, height);
    }

    /** A copy with the dashed identity line y = x shown or not. */
    public Chart withIdentityLine(boolean show) {
        return new Chart(title, subtitle, xLabel, yLabel, logX, logY, series, show, equalAxes, width, height);
    }

    /** A copy whose axes share one range, or not. */
    public Chart withEqualAxes(boolean equal) {
        return new Chart(title, subtitle, xLabel, yLabel, logX, logY, series, identityLine, equal, width, height);
    }

    /** A copy of this size in pixels. */
    public Chart withSize(int newWidth, int newHeight) {
        return new Chart(title, subtitle, xLabel, yLabel, logX, logY, series, identityLine, equalAxes, newWidth, newHeight);
    }

    /** A copy with one more series, drawn on top. */
    public Chart withSeries(Series more) {
        List<Series> all = new java.util.ArrayList<>(series);
        all.add(more);
        return new Chart(title, subtitle, xLabel, yLabel, logX, logY, all, identityLine, equalAxes, width, height);
    }

    /** Writes this chart to a .svg or .png file; see {@link ChartFiles#save}. */
    public void save(Path path) {
        ChartFiles.save(this, path);
    }
}
