package org.qatlas.stdlib.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FiguresTest {
    private static final double[] MEASURED = {3.1, 2.9, 2.7, 2.6};
    private static final double[] PREDICTED = {3.05, 2.95, 2.72, 2.58};
    private static final String[] GROUPS = {"N = 74M", "N = 150M", "N = 74M", "N = 150M"};

    @Test
    void predictedVsMeasuredIsLogLogWithIdentityAndOneSeriesPerGroup() throws Exception {
        Chart chart = Figures.predictedVsMeasured("Fit", "loss", MEASURED, PREDICTED, GROUPS, 0.0123);
        assertTrue(chart.logX() && chart.logY() && chart.identityLine() && chart.equalAxes());
        assertEquals("measured loss", chart.xLabel());
        assertEquals("predicted loss", chart.yLabel());
        assertEquals("mean relative error 1.23%", chart.subtitle());
        assertEquals(List.of("N = 74M", "N = 150M"), chart.series().stream().map(Series::name).toList());
        assertArrayEquals(new double[] {3.1, 2.7}, chart.series().get(0).x());
        assertArrayEquals(new double[] {3.05, 2.72}, chart.series().get(0).y());
        List<String> texts = new SvgDocument(ChartFiles.svg(chart)).texts();
        assertTrue(texts.containsAll(List.of("Fit", "mean relative error 1.23%", "measured loss", "predicted loss",
                "N = 74M", "N = 150M")), texts.toString());
    }

    @Test
    void predictedVsMeasuredFallsBackToLinearForNonPositiveValues() {
        double[] deltas = {0.02, -0.01, 0.05};
        Chart chart = Figures.predictedVsMeasured("Penalty", "", deltas, new double[] {0.021, 0.0, 0.048}, null, Double.NaN);
        assertFalse(chart.logX() || chart.logY());
        assertEquals("", chart.subtitle());
        assertEquals("measured", chart.xLabel());
        assertEquals(1, chart.series().size());
        assertTrue(ChartFiles.png(chart).length > 0);
    }

    @Test
    void predictedVsMeasuredChecksItsLengths() {
        assertThrows(ChartException.class, () -> Figures.predictedVsMeasured("", "", MEASURED, new double[3], null, 0));
        assertThrows(ChartException.class,
                () -> Figures.predictedVsMeasured("", "", MEASURED, PREDICTED, new String[] {"a"}, 0));
    }

    @Test
    void lawCurvesShareColoursWithTheirMeasuredPoints() throws Exception {
        double[] grid = Figures.logSpace(1e9, 1e11, 20);
        double[] loss74 = new double[20];
        double[] loss150 = new double[20];
        for (int i = 0; i < 20; i++) {
            loss74[i] = 2 + 400 / Math.pow(grid[i], 0.28);
            loss150[i] = 1.9 + 400 / Math.pow(grid[i], 0.28);
        }
        List<LawCurve> curves = List.of(
                LawCurve.of(Figures.label("N", 74e6), grid, loss74).withMeasured(new double[] {1e9, 1e10}, new double[] {3.4, 2.9}),
                LawCurve.of(Figures.label("N", 150e6), grid, loss150));
        Chart chart = Figures.lawCurves("Loss", "tokens D", "loss", curves);
        assertTrue(chart.logX() && chart.logY());
        assertEquals(3, chart.series().size());
        Series points = chart.series().get(2);
        assertEquals(SeriesStyle.POINTS, points.style());
        assertEquals(0, points.colour());
        assertFalse(points.inLegend());
        List<String> texts = new SvgDocument(ChartFiles.svg(chart)).texts();
        assertTrue(texts.containsAll(List.of("N = 74M", "N = 150M", "tokens D", "1B", "10B", "100B")), texts.toString());
        assertFalse(texts.contains("N = 74M (measured)"));
    }

    @Test
    void lawCurvesThroughZeroUseALinearYAxis() {
        Chart chart = Figures.lawCurves("delta", "D", "delta", List.of(
                LawCurve.of("a", new double[] {1e9, 1e10}, new double[] {-0.01, 0.02})));
        assertTrue(chart.logX());
        assertFalse(chart.logY());
    }

    @Test
    void singleCurveHasALogXAxisWhenItCan() {
        Chart chart = Figures.curve("Optimal QAT fraction", "tokens per parameter byte", "fraction",
                new double[] {1, 10, 100}, new double[] {0.1, 0.2, 0.3});
        assertTrue(chart.logX());
        assertFalse(chart.logY());
        Chart linear = Figures.curve("c", "x", "y", new double[] {0, 1}, new double[] {0.1, 0.2});
        assertFalse(linear.logX());
    }

    @Test
    void labelsAndGrids() {
        assertEquals("N = 74M", Figures.label("N", 74e6));
        assertEquals("D = 1.5B", Figures.label("D", 1.5e9));
        double[] grid = Figures.logSpace(1e9, 1e11, 3);
        assertEquals(1e9, grid[0]);
        assertEquals(1e10, grid[1], 1e-3);
        assertEquals(1e11, grid[2]);
        assertThrows(ChartException.class, () -> Figures.logSpace(0, 1, 3));
    }
}
