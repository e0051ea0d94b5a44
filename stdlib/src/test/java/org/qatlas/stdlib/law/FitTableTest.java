package org.qatlas.stdlib.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FitTableTest {
    @Test
    void fourSignificantDigits() {
        assertEquals("0.1582", SignificantDigits.four(0.158213));
        assertEquals("482.0", SignificantDigits.four(482.01));
        assertEquals("2085", SignificantDigits.four(2085.43));
        assertEquals("0.07450", SignificantDigits.four(0.0745));
        assertEquals("1.235e+07", SignificantDigits.four(12_345_678));
        assertEquals("3.000e-05", SignificantDigits.four(3e-5));
        assertEquals("-", SignificantDigits.four(Double.NaN));
        assertEquals("0.001", SignificantDigits.compact(1e-3));
        assertEquals("1e-04", SignificantDigits.compact(1e-4));
    }

    @Test
    void oneAlignedLinePerParameterThenTheStatistics() {
        Law law = new ChenDeltaLaw();
        FitStatistics statistics = new FitStatistics(300, 0.04712, 0.9812, 0.011, Objective.HUBER_LOG, 1e-3, true, 256,
                250, 256, 200, 198, 0.95, 1_000_000);
        Fit fit = new Fit(law, ChenDeltaLaw.W4A4, List.of(new Interval(0.15, 0.166), new Interval(0.21, 0.23),
                new Interval(0.07, 0.08), Interval.NONE), statistics, List.of("something to know"));
        String table = fit.table();
        String[] lines = table.split("\n");
        assertEquals("law chen(N, D, G), Huber loss (delta 0.001) on log residuals", lines[0]);
        assertEquals("  parameter    value  95% interval", lines[1]);
        assertEquals("  k           0.1582  [0.1500, 0.1660]", lines[2]);
        assertEquals("  gD         0.07450  [0.07000, 0.08000]", lines[4]);
        assertEquals("  gG          0.7779  -", lines[5]);
        assertTrue(table.contains("  mean relative error  4.712%\n"), table);
        assertTrue(table.contains("  R^2                  0.9812\n"), table);
        assertTrue(table.contains("  starts               256 (250 converged, 256 reached the best fit)\n"), table);
        assertTrue(table.contains("  bootstrap refits     200 (198 converged)\n"), table);
        assertTrue(table.endsWith("  warnings:\n  - something to know\n"), table);
        assertEquals(0.1582, fit.predict(new double[] {1, 1, 2}), 1e-12);
    }
}
