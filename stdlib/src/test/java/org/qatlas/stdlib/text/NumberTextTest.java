package org.qatlas.stdlib.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumberTextTest {
    @Test
    void parsesSiSuffixesAsWholeNumbers() {
        assertEquals(2_000_000L, NumberText.parseLiteral("2M"));
        assertEquals(100_000_000_000L, NumberText.parseLiteral("100B"));
        assertEquals(595_000_000L, NumberText.parseLiteral("595M"));
        assertEquals(1_500L, NumberText.parseLiteral("1.5K"));
        assertEquals(1_000_000_000_000L, NumberText.parseLiteral("1T"));
        assertEquals(1_000_000L, NumberText.parseLiteral("1_000_000"));
    }

    @Test
    void parsesFractionsAndExponents() {
        assertEquals(1.5e-3, NumberText.parseLiteral("1.5e-3"));
        assertEquals(0.25, NumberText.parseLiteral(".25"));
        assertEquals(1_000_000_000L, NumberText.parseLiteral("1e9"));
        assertEquals(2.5e-7, NumberText.parseLiteral("0.25e-6"));
        assertEquals(1e30, NumberText.parseLiteral("1e30"));
        assertEquals(Double.POSITIVE_INFINITY, NumberText.parseLiteral("1e9999999999"));
        assertEquals(Double.POSITIVE_INFINITY, NumberText.parseLiteral("1e2147483647K"));
        assertEquals(0.0, NumberText.parseLiteral("1e-9999999999"));
    }

    @Test
    void formatsDoublesShortAndReadably() {
        assertEquals("2", NumberText.format(2.0));
        assertEquals("0.1", NumberText.format(0.1));
        assertEquals("0.057", NumberText.format(0.057));
        assertEquals("1e-5", NumberText.format(1e-5));
        assertEquals("1.5e20", NumberText.format(1.5e20));
        assertEquals("-3.25", NumberText.format(-3.25));
        assertEquals("nan", NumberText.format(Double.NaN));
        assertEquals("-inf", NumberText.format(Double.NEGATIVE_INFINITY));
        assertEquals("0", NumberText.format(-0.0));
        assertEquals("123456789012", NumberText.format(123456789012.0));
        assertEquals("0.0001", NumberText.format(1e-4));
        assertEquals("0.0005", NumberText.format(5e-4));
        assertEquals("0.00015", NumberText.format(1.5e-4));
    }

    @Test
    void formatsLongsAsTheEqualDoubleWouldPrint() {
        assertEquals("9999999999999999", NumberText.format(9_999_999_999_999_999L));
        assertEquals("1e16", NumberText.format(10_000_000_000_000_000L));
        assertEquals(NumberText.format(0x1p62), NumberText.format(1L << 62));
        assertEquals("-1e18", NumberText.format(-1_000_000_000_000_000_000L));
    }

    @Test
    void writesCountsWithSiSuffixes() {
        assertEquals("74M", NumberText.si(74e6));
        assertEquals("595M", NumberText.si(594.9e6));
        assertEquals("1.5B", NumberText.si(1.5e9));
        assertEquals("100B", NumberText.si(1e11));
        assertEquals("1T", NumberText.si(999.9e9));
        assertEquals("2K", NumberText.si(2000));
        assertEquals("-3M", NumberText.si(-3e6));
        assertEquals("512", NumberText.si(512));
        assertEquals("0.123", NumberText.si(0.12345));
        assertEquals("inf", NumberText.si(Double.POSITIVE_INFINITY));
        assertEquals("-inf", NumberText.si(Double.NEGATIVE_INFINITY));
        assertEquals("nan", NumberText.si(Double.NaN));
    }
}
