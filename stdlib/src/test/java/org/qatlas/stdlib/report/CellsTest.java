package org.qatlas.stdlib.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellsTest {
    @Test
    void numbersAreRoundedForReading() {
        assertEquals("74.3M", Cells.show(74_302_464L));
        assertEquals("250K", Cells.show(250_000L));
        assertEquals("9999", Cells.show(9_999L), "whole numbers below ten thousand keep every digit");
        assertEquals("12", Cells.show(12.0));
        assertEquals("1.509", Cells.show(1.50938412));
        assertEquals("1.500", Cells.show(1.5), "four significant digits, so a column lines up");
        assertEquals("0.04812", Cells.show(0.048123));
        assertEquals("1.234e-05", Cells.show(0.000012344));
        assertEquals("-0.2100", Cells.show(-0.21));
        assertEquals("45.1K", Cells.show(45_123.7));
        assertEquals("0", Cells.show(0.0));
        assertEquals("nan", Cells.show(Double.NaN));
        assertEquals("-inf", Cells.show(Double.NEGATIVE_INFINITY));
    }

    @Test
    void otherValuesShowAsScriptsWriteThem() {
        assertEquals("", Cells.show(null));
        assertEquals("true", Cells.show(true));
        assertEquals("w4a4", Cells.show("w4a4"));
        assertEquals("[1, 2.5]", Cells.show(List.of(1L, 2.5)));
        assertEquals("{ a: 1 }", Cells.show(Map.of("a", 1L)));
    }

    @Test
    void theExactValueIsKeptWhereTheShownOneIsRounded() {
        assertEquals("74302464", Cells.exact(74_302_464L));
        assertEquals("1.50938412", Cells.exact(1.50938412));
        assertNull(Cells.exact(12L), "nothing to add");
        assertNull(Cells.exact(1.2), "1.200 is 1.2");
        assertNull(Cells.exact("text"));
    }

    @Test
    void sharesArePercentages() {
        assertEquals("4.70%", Cells.percent(0.047));
        assertEquals("nan", Cells.percent(Double.NaN));
    }
}
