package org.qatlas.stdlib.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qatlas.stdlib.law.Law;
import org.qatlas.stdlib.law.Parameter;

/** A law's charts from rows of runs: the points, the curves and their grouping. */
class LawChartsTest {
    /** delta = 0.001 * D^0.5 * G / 32, with no free parameters. */
    private static final Law DELTA = new Law() {
        @Override
        public String name() {
            return "delta";
        }

        @Override
        public List<String> variables() {
            return List.of("D", "G");
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public double evaluate(double[] v, double[] p, double[] gradient) {
            return 0.001 * Math.sqrt(v[0]) * v[1] / 32;
        }
    };

    private static final List<Map<String, Object>> ROWS = List.of(
            Map.of("D", 1e6, "G", 32L, "delta", 1.1, "name", "a"),
            Map.of("D", 4e6, "G", 32L, "delta", 1.9, "name", "b"),
            Map.of("D", 1e6, "G", 64L, "delta", 2.1, "name", "c"));

    @Test
    void predictedAgainstMeasuredHasAPointPerRowColouredByTheField() {
        Chart chart = LawCharts.predictedVsMeasured(DELTA, ROWS, "delta", "G", null, 0.05);
        assertEquals("law delta: predicted against measured", chart.title());
        assertEquals(List.of("G = 32", "G = 64"), chart.series().stream().map(Series::name).toList());
        assertArrayEquals(new double[] {1.1, 1.9}, chart.series().get(0).x());
        assertArrayEquals(new double[] {1.0, 2.0}, chart.series().get(0).y(), 1e-12);
    }

    @Test
    void curvesAgainstOneVariableAreGroupedByTheOthers() {
        Chart chart = LawCharts.curves(DELTA, ROWS, "delta", "D", "penalty");
        assertEquals("penalty", chart.title());
        List<String> names = chart.series().stream().map(Series::name).toList();
        assertTrue(names.contains("G = 32") && names.contains("G = 64"), names.toString());
        Series g32 = chart.series().get(names.indexOf("G = 32"));
        assertEquals(1e6, g32.x()[0], 1e-6);
        assertEquals(4e6, g32.x()[g32.size() - 1], 1e-3);
        assertEquals(2.0, g32.y()[g32.size() - 1], 1e-9);
    }

    @Test
    void aRowWithoutAVariableIsNamed() {
        List<Map<String, Object>> rows = List.of(Map.of("D", 1e6, "delta", 1.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LawCharts.predictedVsMeasured(DELTA, rows, "delta", "D", null, Double.NaN));
        assertEquals("plot: row 0 has no field 'G'; its fields are " + String.join(", ", rows.get(0).keySet()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LawCharts.curves(DELTA, ROWS.subList(0, 1), "delta", "D", null));
    }
}
