package org.qatlas.stdlib.table;

import java.util.Locale;
import java.util.regex.Pattern;
import org.qatlas.stdlib.text.NumberText;

/**
 * How a scalar cell is written in a CSV or TSV file, and how a cell's text is read back.
 * Text files carry no types, so the type is in the spelling: whole numbers are written
 * without a point and read as {@link Long}; decimals always have a point or an exponent
 * ("2.0", "0.1", "1e20", "inf", "nan") and read as {@link Double}, bit for bit; true and
 * false read as {@link Boolean}; an empty cell reads as null; anything else is a String.
 */
final class CellText {
    private CellText() {
    }

    private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

    /** The text of a cell already checked by {@link CellValues}: a scalar or null. */
    static String write(Object value) {
        return switch (value) {
            case null -> "";
            case Double d -> decimal(d);
            case Long l -> Long.toString(l);
            case Boolean b -> b.toString();
            default -> value.toString();
        };
    }

    /**
     * A double that reads back as the same double and as a decimal, not a whole number:
     * the shortest digits, with ".0" added to whole values ("2.0", "1000000000.0").
     */
    private static String decimal(double value) {
        if (value == 0 && 1 / value < 0) {
            return "-0.0"; // NumberText shows negative zero as "0"; its sign must survive here
        }
        String text = NumberText.format(value);
        boolean looksWhole = text.chars().allMatch(c -> c == '-' || Character.isDigit(c));
        return looksWhole ? text + ".0" : text;
    }

    /** The value a cell's text stands for (see the class comment). */
    static Object read(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (WHOLE.matcher(text).matches()) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException tooLarge) {
                return Double.parseDouble(text); // beyond a long: keep the magnitude, as a double
            }
        }
        if (DECIMAL.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        if (NON_FINITE.matcher(text).matches()) {
            return nonFinite(text.toLowerCase(Locale.ROOT));
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        return text;
    }

    private static double nonFinite(String lower) {
        if (lower.endsWith("nan")) {
            return Double.NaN;
        }
        return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
}
