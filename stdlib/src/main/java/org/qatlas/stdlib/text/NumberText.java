package org.qatlas.stdlib.text;

import java.math.BigDecimal;

/**
 * How numbers are written in Qatlas source and how they are shown to people. Numbers are
 * doubles in meaning; whole numbers that fit a long are kept as longs for speed, and both
 * print the same way.
 */
public final class NumberText {
    private NumberText() {
    }

    /** Largest magnitude shown in plain digits; beyond it scientific notation is clearer. */
    private static final double PLAIN_LIMIT = 1e16;
    /** The same limit as a long, compared exactly (9999999999999999 still prints in digits). */
    private static final long PLAIN_LIMIT_WHOLE = 10_000_000_000_000_000L;
    /** Smallest magnitude shown in plain digits. */
    private static final double SMALL_LIMIT = 1e-4;

    /**
     * Parses a numeric literal: digits with optional '_' separators, fraction, exponent and
     * an SI suffix K, M, B (billion) or T. Returns a Long when the value is a whole number
     * that fits, else a Double.
     */
    public static Number parseLiteral(String text) {
        String digits = text.replace("_", "");
        BigDecimal multiplier = BigDecimal.ONE;
        char last = digits.charAt(digits.length() - 1);
        int exponent = switch (last) {
            case 'K' -> 3;
            case 'M' -> 6;
            case 'B' -> 9;
            case 'T' -> 12;
            default -> 0;
        };
        if (exponent > 0) {
            digits = digits.substring(0, digits.length() - 1);
            multiplier = BigDecimal.TEN.pow(exponent);
        }
        try {
            BigDecimal value = new BigDecimal(digits).multiply(multiplier);
            if (value.signum() == 0 || value.stripTrailingZeros().scale() <= 0) {
                try {
                    return value.longValueExact();
                } catch (ArithmeticException tooLarge) {
                    return value.doubleValue();
                }
            }
            return value.doubleValue();
        } catch (NumberFormatException | ArithmeticException exponentOutOfRange) {
            // 1e9999999999: BigDecimal's exponent is an int. No double is that large or that
            // close to zero anyway, so the answer is inf or 0, as the double parser says.
            return Double.parseDouble(digits) * multiplier.doubleValue();
        }
    }

    /**
     * A long as digits, exactly as the equal double would print: beyond 1e16 in scientific
     * notation, so that 10^16 and 1e16 * 1.0, equal numbers, also read the same.
     */
    public static String format(long value) {
        if (value >= PLAIN_LIMIT_WHOLE || value <= -PLAIN_LIMIT_WHOLE) {
            return format((double) value);
        }
        return Long.toString(value);
    }

    /**
     * The shortest text that reads back as the same double: whole numbers without a
     * fraction ("2", not "2.0"), plain digits between 1e-4 and 1e16, scientific notation
     * outside ("1e-5", "1.5e20"), and "nan", "inf", "-inf".
     */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude < PLAIN_LIMIT && value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        String shortest = Double.toString(value); // the JDK's shortest round-trip digits
        if (magnitude >= SMALL_LIMIT && magnitude < PLAIN_LIMIT) {
            // Double.toString writes 1e-4 as "1.0E-4"; strip the ".0" so it reads 0.0001, not 0.00010.
            return new BigDecimal(shortest).stripTrailingZeros().toPlainString();
        }
        int e = shortest.indexOf('E');
        String mantissa = e < 0 ? shortest : shortest.substring(0, e);
        String exponent = e < 0 ? "0" : shortest.substring(e + 1);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + "e" + exponent;
    }

    /**
     * A count in the SI style of the papers: "74M", "1.5B", "100B", "2K"; up to three
     * significant digits, and plain digits below a thousand.
     */
    public static String si(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return format(value); // nan, inf, -inf: there are no digits to round
        }
        double magnitude = Math.abs(value);
        String[] suffixes = {"T", "B", "M", "K"};
        double[] scales = {1e12, 1e9, 1e6, 1e3};
        for (int i = 0; i < scales.length; i++) {
            if (magnitude >= scales[i] * 0.9995) {
                double scaled = new BigDecimal(value / scales[i]).round(new java.math.MathContext(3)).doubleValue();
                return format(scaled) + suffixes[i];
            }
        }
        return format(new BigDecimal(value).round(new java.math.MathContext(3)).doubleValue());
    }
}
