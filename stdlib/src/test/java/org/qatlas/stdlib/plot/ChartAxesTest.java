package org.qatlas.stdlib.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

class ChartAxesTest {
    private static Chart chart(double[] x, double[] y) {
        return Chart.of("t", "tokens D", "loss", List.of(Series.of("s", x, y, SeriesStyle.LINE)));
    }

    @Test
    void askedForLogAxesAreLogAxes() {
        XYPlot plot = ChartRenderer.render(chart(new double[] {1e9, 1e11}, new double[] {3, 2.5})
                .withLogX(true).withLogY(true)).getXYPlot();
        assertTrue(plot.getDomainAxis() instanceof LogAxis);
        assertTrue(plot.getRangeAxis() instanceof LogAxis);
        XYPlot linear = ChartRenderer.render(chart(new double[] {1, 2}, new double[] {3, 4})).getXYPlot();
        assertTrue(linear.getDomainAxis() instanceof NumberAxis);
    }

    @Test
    void logAxisOverNonPositiveValuesIsRefusedWithThePoint() {
        Chart chart = chart(new double[] {1, 2, 3}, new double[] {0.5, -0.01, 0.2}).withLogY(true);
        ChartException e = assertThrows(ChartException.class, () -> ChartRenderer.render(chart));
        assertEquals("a log y axis needs positive values, but series \"s\" has y = -0.01 at point 2; "
                + "use a linear axis or leave the point out", e.getMessage());
    }

    @Test
    void nanPointsDoNotCountAgainstALogAxis() {
        Chart chart = chart(new double[] {Double.NaN, 1, 10}, new double[] {-1, 2, 3}).withLogX(true).withLogY(true);
        JFreeChart drawn = ChartRenderer.render(chart);
        assertTrue(drawn.getXYPlot().getDomainAxis() instanceof LogAxis);
    }

    @Test
    void equalAxesShareOneRange() {
        Chart chart = Chart.of("", "measured", "predicted", List.of(
                Series.of("runs", new double[] {2, 3}, new double[] {2.5, 4}, SeriesStyle.POINTS))).withEqualAxes(true);
        XYPlot plot = ChartRenderer.render(chart).getXYPlot();
        assertEquals(plot.getDomainAxis().getRange(), plot.getRangeAxis().getRange());
        assertTrue(plot.getDomainAxis().getLowerBound() < 2 && plot.getDomainAxis().getUpperBound() > 4);
    }

    @Test
    void legendOnlyWithTwoOrMoreEntries() {
        assertEquals(null, ChartRenderer.render(chart(new double[] {1, 2}, new double[] {1, 2})).getLegend());
        Chart two = chart(new double[] {1, 2}, new double[] {1, 2})
                .withSeries(Series.of("other", new double[] {1}, new double[] {1}, SeriesStyle.POINTS));
        assertTrue(ChartRenderer.render(two).getLegend() != null);
    }

    @Test
    void seriesChecksItsLengthsAndCopiesItsArrays() {
        assertThrows(ChartException.class, () -> Series.of("bad", new double[2], new double[3], SeriesStyle.LINE));
        double[] x = {1, 2};
        Series s = Series.of("s", x, new double[] {3, 4}, SeriesStyle.LINE);
        x[0] = 99;
        s.x()[1] = 99;
        assertEquals(1, s.x()[0]);
        assertEquals(2, s.x()[1]);
    }
}
