package org.qatlas.stdlib.plot;

import java.awt.Color;
import java.awt.geom.Line2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Turns a {@link Chart} description into a styled JFreeChart, ready to draw. */
final class ChartRenderer {
    private ChartRenderer() {
    }

    static {
        // JFreeChart draws rotated text (the y axis label) as glyph outlines by default, a
        // workaround for JDK bugs fixed long ago; in SVG that leaves the label unsearchable and
        // unselectable. Plain drawString under a rotation keeps it text.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    /** Fewer legend entries than this and the legend is left out: one series needs no key. */
    private static final int LEGEND_MINIMUM = 2;

    /**
     * The JFreeChart for a chart.
     *
     * @throws ChartException if nothing can be drawn, or a log axis meets a non-positive value
     */
    static JFreeChart render(Chart chart) {
        Headless.ensure();
        DrawableData data = DrawableData.of(chart);
        List<Series> series = chart.series();

        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            dataset.addSeries(points(i, s));
            int colour = s.colour() == Series.AUTO ? i : s.colour();
            renderer.setSeriesPaint(i, Palette.colour(colour));
            renderer.setSeriesShape(i, Palette.marker(colour));
            renderer.setSeriesStroke(i, ChartTheme.LINE);
            renderer.setSeriesLinesVisible(i, s.style() != SeriesStyle.POINTS);
            renderer.setSeriesShapesVisible(i, s.style() != SeriesStyle.LINE);
            renderer.setSeriesVisibleInLegend(i, s.inLegend());
        }
        // Series are keyed by position (names may repeat); the legend shows the names.
        renderer.setLegendItemLabelGenerator((d, index) -> series.get(index).name());
        renderer.setUseOutlinePaint(true);
        renderer.setDefaultOutlinePaint(Color.WHITE); // keeps overlapping markers apart
        renderer.setDrawOutlines(true);
        renderer.setLegendLine(new Line2D.Double(-10, 0, 10, 0));

        AxisRange xRange = AxisRange.around(data.minX(), data.maxX(), chart.logX());
        AxisRange yRange = AxisRange.around(data.minY(), data.maxY(), chart.logY());
        if (chart.equalAxes()) {
            double min = Math.min(data.minX(), data.minY());
            double max = Math.max(data.maxX(), data.maxY());
            xRange = AxisRange.around(min, max, chart.logX());
            yRange = AxisRange.around(min, max, chart.logY());
        }
        XYPlot plot = new XYPlot(dataset, axis(chart.xLabel(), chart.logX(), xRange),
                axis(chart.yLabel(), chart.logY(), yRange), renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        if (chart.identityLine()) {
            // From corner to corner of the shown area; the plot clips what falls outside.
            double lo = Math.min(xRange.lower(), yRange.lower());
            double hi = Math.max(xRange.upper(), yRange.upper());
            plot.addAnnotation(new XYLineAnnotation(lo, lo, hi, hi, ChartTheme.DASHED, ChartTheme.IDENTITY), false);
        }

        boolean legend = series.stream().filter(s -> s.inLegend() && !s.name().isEmpty()).count() >= LEGEND_MINIMUM;
        JFreeChart result = new JFreeChart(chart.title().isEmpty() ? null : chart.title(), ChartTheme.TITLE, plot, legend);
        ChartTheme.apply(result, chart.subtitle());
        return result;
    }

    private static XYSeries points(int key, Series s) {
        XYSeries points = new XYSeries(key, false, true); // keep the caller's order: lines join points as given
        double[] x = s.x();
        double[] y = s.y();
        boolean lineOpen = false;
        for (int i = 0; i < x.length; i++) {
            if (DrawableData.drawn(x[i], y[i])) {
                points.add(x[i], y[i], false);
                lineOpen = true;
            } else if (lineOpen) {
                // A point left out breaks the line there: a law undefined over an interval shows
                // as a gap, not as a segment across it. JFreeChart draws no line to a null y.
                points.add(points.getX(points.getItemCount() - 1), null, false);
                lineOpen = false;
            }
        }
        return points;
    }

    private static ValueAxis axis(String label, boolean log, AxisRange range) {
        ValueAxis axis = log ? new LogScaleAxis(label) : new LinearScaleAxis(label);
        axis.setRange(range.lower(), range.upper());
        return axis;
    }
}
