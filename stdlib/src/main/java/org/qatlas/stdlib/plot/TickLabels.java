package org.qatlas.stdlib.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import org.qatlas.stdlib.text.NumberText;

/**
 * The text of a tick label, in the style of scaling-law papers: counts with SI suffixes
 * ("100K", "74M", "10B", "1T"), ordinary numbers in plain digits ("0.5", "3.2", "100"), and
 * very small or very large ones in short scientific notation ("1e-5", "1e15").
 *
 * <p>Also a {@link NumberFormat}, so JFreeChart's linear axes label with it too.
 */
final class TickLabels extends NumberFormat {
    /** Tick values are sums of steps and carry float noise (0.30000000000000004); 12 digits hide it. */
    private static final MathContext TICK_DIGITS = new MathContext(12);

    static final TickLabels INSTANCE = new TickLabels();

    /** The label of a tick at {@code value}. */
    static String label(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return NumberText.format(value);
        }
        double rounded = new BigDecimal(value).round(TICK_DIGITS).doubleValue();
        double magnitude = Math.abs(rounded);
        if (magnitude >= 1e15 || magnitude < 1e-3) {
            return scientific(rounded);
        }
        if (magnitude >= 1000) {
            return NumberText.si(rounded);
        }
        return NumberText.format(rounded);
    }

    /** "1e15", "2.5e-5": at most three significant digits, no trailing zeros. */
    private static String scientific(double value) {
        BigDecimal exact = new BigDecimal(value).round(new MathContext(3));
        int exponent = exact.precision() - exact.scale() - 1;
        BigDecimal mantissa = exact.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString() + "e" + exponent;
    }

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(label(number));
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(label(number));
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        throw new UnsupportedOperationException("tick labels are only written");
    }
}
