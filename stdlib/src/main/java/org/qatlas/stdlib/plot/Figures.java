package org.qatlas.stdlib.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.text.NumberText;

/**
 * The figures scaling-law work keeps drawing, built on {@link Chart}. Each returns a chart
 * that can be adjusted further with its {@code with...} methods and written with
 * {@link Chart#save}. Axes are logarithmic where every drawn value is positive and linear
 * otherwise, so a curve that crosses zero still draws.
 */
public final class Figures {
    private Figures() {
    }

    /** Predicted-against-measured charts are square-ish, so that y = x runs at 45 degrees. */
    private static final int SCATTER_WIDTH = 700;
    private static final int SCATTER_HEIGHT = 600;

    /**
     * Predicted against measured values of a fitted law (as in paper A's Figure 5): one marker
     * per run, measured on x and predicted on y, over the dashed line y = x, both axes on the
     * same range. Both axes are logarithmic when every value is positive.
     *
     * @param title the chart's title
     * @param quantity what was measured, for the axis labels ("loss" gives "measured loss" and
     *     "predicted loss"); "" for plain "measured" and "predicted"
     * @param measured the measured values
     * @param predicted the law's predictions, one per measured value
     * @param groups null for one colour, or a label per run ("N = 74M"): one colour and marker per
     *     distinct label, in the order first seen, with a legend
     * @param meanRelativeError the fit's mean relative error as a fraction (0.0123), shown as a
     *     subtitle ("mean relative error 1.23%"); NaN for none
     */
    public static Chart predictedVsMeasured(String title, String quantity, double[] measured, double[] predicted,
            String[] groups, double meanRelativeError) {
        if (measured.length != predicted.length) {
            throw new ChartException("predicted against measured: " + measured.length + " measured values but "
                    + predicted.length + " predictions");
        }
        if (groups != null && groups.length != measured.length) {
            throw new ChartException("predicted against measured: " + measured.length + " runs but "
                    + groups.length + " group labels");
        }
        List<Series> series = new ArrayList<>();
        if (groups == null) {
            series.add(Series.of("runs", measured, predicted, SeriesStyle.POINTS));
        } else {
            Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
            for (int i = 0; i < groups.length; i++) {
                byGroup.computeIfAbsent(String.valueOf(groups[i]), g -> new ArrayList<>()).add(i);
            }
            for (Map.Entry<String, List<Integer>> group : byGroup.entrySet()) {
                List<Integer> rows = group.getValue();
                double[] x = new double[rows.size()];
                double[] y = new double[rows.size()];
                for (int k = 0; k < rows.size(); k++) {
                    x[k] = measured[rows.get(k)];
                    y[k] = predicted[rows.get(k)];
                }
                series.add(Series.of(group.getKey(), x, y, SeriesStyle.POINTS));
            }
        }
        String what = quantity.isEmpty() ? "" : " " + quantity;
        boolean log = DrawableData.allPositive(series, true) && DrawableData.allPositive(series, false);
        Chart chart = Chart.of(title, "measured" + what, "predicted" + what, series)
                .withLogX(log).withLogY(log).withIdentityLine(true).withEqualAxes(true)
                .withSize(SCATTER_WIDTH, SCATTER_HEIGHT);
        return Double.isNaN(meanRelativeError) ? chart
                : chart.withSubtitle("mean relative error " + percent(meanRelativeError));
    }

    /**
     * A law against one variable for several values of another (loss or the QAT penalty
     * against tokens D for several model sizes N, say): each curve a line, its measured runs
     * markers of the same colour, one legend entry per curve. The x axis is logarithmic (linear
     * if some x is not positive); the y axis is logarithmic when every y is positive.
     *
     * @param title the chart's title
     * @param xLabel the x axis label, e.g. "tokens D"
     * @param yLabel the y axis label, e.g. "loss"
     * @param curves the curves, in legend order
     */
    public static Chart lawCurves(String title, String xLabel, String yLabel, List<LawCurve> curves) {
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < curves.size(); i++) {
            LawCurve curve = curves.get(i);
            series.add(Series.of(curve.label(), curve.x(), curve.y(), SeriesStyle.LINE).withColour(i));
        }
        // Markers after all the lines, so no line is drawn over another curve's runs.
        for (int i = 0; i < curves.size(); i++) {
            LawCurve curve = curves.get(i);
            if (curve.measuredX().length > 0) {
                series.add(Series.of(curve.label() + " (measured)", curve.measuredX(), curve.measuredY(),
                        SeriesStyle.POINTS).withColour(i).withoutLegend());
            }
        }
        return Chart.of(title, xLabel, yLabel, series)
                .withLogX(DrawableData.allPositive(series, true))
                .withLogY(DrawableData.allPositive(series, false));
    }

    /**
     * A single curve, e.g. the optimal QAT fraction against tokens per parameter byte, on a
     * logarithmic x axis (linear if some x is not positive) and a linear y axis.
     *
     * @param title the chart's title
     * @param xLabel the x axis label
     * @param yLabel the y axis label
     * @param x the x values, in drawing order
     * @param y the y values
     */
    public static Chart curve(String title, String xLabel, String yLabel, double[] x, double[] y) {
        List<Series> series = List.of(Series.of(yLabel, x, y, SeriesStyle.LINE));
        return Chart.of(title, xLabel, yLabel, series).withLogX(DrawableData.allPositive(series, true));
    }

    /** A legend label such as "N = 74M" or "D = 1.5B": the variable, and the value with an SI suffix. */
    public static String label(String variable, double value) {
        return variable + " = " + NumberText.si(value);
    }

    /**
     * {@code count} values from {@code from} to {@code to} (both included) evenly spaced on a
     * log scale: the grid to evaluate a law on for a log axis.
     */
    public static double[] logSpace(double from, double to, int count) {
        if (!(from > 0 && to > 0) || count < 2) {
            throw new ChartException("logSpace needs positive ends and at least 2 values, not "
                    + from + ", " + to + ", " + count);
        }
        double lo = Math.log10(from);
        double step = (Math.log10(to) - lo) / (count - 1);
        double[] grid = new double[count];
        for (int i = 0; i < count; i++) {
            grid[i] = Math.pow(10, lo + i * step);
        }
        grid[0] = from; // exact ends, so the curve starts and stops at the runs' values
        grid[count - 1] = to;
        return grid;
    }

    /** 0.0123 as "1.23%": three significant digits. */
    private static String percent(double fraction) {
        if (!Double.isFinite(fraction)) {
            return NumberText.format(fraction);
        }
        double rounded = new BigDecimal(fraction * 100).round(new MathContext(3)).doubleValue();
        return NumberText.format(rounded) + "%";
    }
}
