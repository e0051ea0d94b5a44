package org.qatlas.stdlib.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import org.qatlas.stdlib.text.NumberText;
import org.qatlas.stdlib.value.Fields;

/**
 * How a report shows one value in a table. Tables are for reading, so numbers are rounded:
 * four significant digits for ordinary magnitudes (1.509, 0.04812), the papers' SI style from
 * ten thousand up (74.3M, 250K), scientific notation for the very small (3.2e-05). The exact
 * value is kept for the page's tooltip ({@link #exact}) and the CSV.
 */
final class Cells {
    private static final MathContext FOUR = new MathContext(4);
    /** From here up, numbers read best as the papers write counts: 74.3M, 100B. */
    private static final double SI_FROM = 1e4;
    /** Below this (and above zero), plain digits would be mostly zeros. */
    private static final double PLAIN_FROM = 1e-3;

    private Cells() {
    }

    static boolean isNumber(Object value) {
        return value instanceof Long || value instanceof Double;
    }

    /** The text of a cell: numbers rounded as the class says, none as "", the rest as scripts show it. */
    static String show(Object value) {
        return switch (value) {
            case null -> "";
            case Long l -> number(l.doubleValue(), true);
            case Double d -> number(d, false);
            case String s -> s;
            case Boolean b -> b.toString();
            default -> Fields.show(value);
        };
    }

    /** The full value behind a rounded number, or null when the shown text already is it. */
    static String exact(Object value) {
        if (!isNumber(value)) {
            return null;
        }
        String full = value instanceof Long l ? NumberText.format(l) : NumberText.format((Double) value);
        return sameNumber(show(value), full) ? null : full;
    }

    /** Whether two texts spell one number: "1.200" and "1.2" do, "74.3M" and "74302464" do not. */
    private static boolean sameNumber(String shown, String full) {
        try {
            return new BigDecimal(shown).compareTo(new BigDecimal(full)) == 0;
        } catch (NumberFormatException notDigits) {
            return shown.equals(full); // SI suffixes, nan, inf
        }
    }

    /** A number rounded for reading; {@code whole} numbers below ten thousand keep every digit. */
    static String number(double value, boolean whole) {
        if (!Double.isFinite(value)) {
            return NumberText.format(value);
        }
        double magnitude = Math.abs(value);
        if (magnitude >= SI_FROM) {
            return NumberText.si(value);
        }
        if (value == 0 || (whole || value == Math.rint(value)) && magnitude >= 1) {
            return NumberText.format(value);
        }
        if (magnitude < PLAIN_FROM) {
            return String.format(Locale.ROOT, "%.3e", value).replaceAll("\\.?0+e", "e");
        }
        BigDecimal rounded = new BigDecimal(value).round(FOUR);
        // round() drops trailing zeros (1.5 stays "1.5"); pad to four digits so a column lines up.
        int scale = FOUR.getPrecision() - rounded.precision() + rounded.scale();
        return rounded.setScale(Math.max(scale, 0), RoundingMode.HALF_EVEN).toPlainString();
    }

    /** A share as a percentage with three significant digits: 0.047 is "4.70%". */
    static String percent(double share) {
        if (!Double.isFinite(share)) {
            return NumberText.format(share);
        }
        return new BigDecimal(share * 100).round(new MathContext(3)).toPlainString() + "%";
    }
}
