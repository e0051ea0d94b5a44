package org.qatlas.stdlib.law;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers to four significant digits: plain between 1e-3 and 1e6, scientific outside. */
final class SignificantDigits {
    private static final MathContext FOUR = new MathContext(4);

    private SignificantDigits() {
    }

    static String four(double x) {
        if (Double.isNaN(x)) {
            return "-";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return "0";
        }
        double a = Math.abs(x);
        if (a >= 1e-3 && a < 1e6) {
            return new BigDecimal(x).round(FOUR).toPlainString();
        }
        return String.format(Locale.ROOT, "%.3e", x);
    }

    /** Up to four significant digits without trailing zeros: 0.001, 1e-04, 2.5. */
    static String compact(double x) {
        if (!Double.isFinite(x) || x == 0) {
            return four(x);
        }
        double a = Math.abs(x);
        if (a >= 1e-3 && a < 1e6) {
            return new BigDecimal(x).round(FOUR).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.3e", x).replaceAll("\\.?0+e", "e");
    }
}
