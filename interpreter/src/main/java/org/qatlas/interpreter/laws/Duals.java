package org.qatlas.interpreter.laws;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/**
 * Arithmetic on dual numbers (Commons Math's {@link DerivativeStructure}), which is how a law
 * written in the language yields exact derivatives with respect to its parameters: the fitter
 * passes each parameter as a dual number and the ordinary operators carry the derivatives
 * along. Plain numbers meeting a dual number act as constants.
 *
 * <p>The operations sit behind boundaries: they only run while fitting, where the interpreter
 * calls a law once per data row, and compiling Commons Math's internals into every arithmetic
 * node would cost more than it saves.
 */
public final class Duals {
    private static final double LN2 = Math.log(2);

    private Duals() {
    }

    @TruffleBoundary
    public static DerivativeStructure add(DerivativeStructure a, DerivativeStructure b) {
        return a.add(b);
    }

    @TruffleBoundary
    public static DerivativeStructure add(DerivativeStructure a, double b) {
        return a.add(b);
    }

    @TruffleBoundary
    public static DerivativeStructure subtract(DerivativeStructure a, DerivativeStructure b) {
        return a.subtract(b);
    }

    @TruffleBoundary
    public static DerivativeStructure subtract(DerivativeStructure a, double b) {
        return a.subtract(b);
    }

    @TruffleBoundary
    public static DerivativeStructure subtract(double a, DerivativeStructure b) {
        return b.negate().add(a);
    }

    @TruffleBoundary
    public static DerivativeStructure multiply(DerivativeStructure a, DerivativeStructure b) {
        return a.multiply(b);
    }

    @TruffleBoundary
    public static DerivativeStructure multiply(DerivativeStructure a, double b) {
        return a.multiply(b);
    }

    @TruffleBoundary
    public static DerivativeStructure divide(DerivativeStructure a, DerivativeStructure b) {
        return a.divide(b);
    }

    @TruffleBoundary
    public static DerivativeStructure divide(DerivativeStructure a, double b) {
        return a.divide(b);
    }

    @TruffleBoundary
    public static DerivativeStructure divide(double a, DerivativeStructure b) {
        return b.reciprocal().multiply(a);
    }

    @TruffleBoundary
    public static DerivativeStructure power(DerivativeStructure base, DerivativeStructure exponent) {
        return base.pow(exponent);
    }

    @TruffleBoundary
    public static DerivativeStructure power(DerivativeStructure base, double exponent) {
        return base.pow(exponent);
    }

    @TruffleBoundary
    public static DerivativeStructure power(double base, DerivativeStructure exponent) {
        return DerivativeStructure.pow(base, exponent);
    }

    @TruffleBoundary
    public static DerivativeStructure negate(DerivativeStructure a) {
        return a.negate();
    }

    @TruffleBoundary
    public static DerivativeStructure abs(DerivativeStructure a) {
        return a.abs();
    }

    @TruffleBoundary
    public static DerivativeStructure log(DerivativeStructure a) {
        return a.log();
    }

    @TruffleBoundary
    public static DerivativeStructure log2(DerivativeStructure a) {
        return a.log().divide(LN2);
    }

    @TruffleBoundary
    public static DerivativeStructure log10(DerivativeStructure a) {
        return a.log10();
    }

    @TruffleBoundary
    public static DerivativeStructure exp(DerivativeStructure a) {
        return a.exp();
    }

    @TruffleBoundary
    public static DerivativeStructure sqrt(DerivativeStructure a) {
        return a.sqrt();
    }

    @TruffleBoundary
    public static double value(DerivativeStructure a) {
        return a.getValue();
    }

    /** The value of a number or a dual number; anything else is nan (and compares false). */
    @TruffleBoundary
    public static double valueOf(Object number) {
        if (number instanceof DerivativeStructure dual) {
            return dual.getValue();
        } else if (number instanceof Long whole) {
            return whole;
        } else if (number instanceof Double real) {
            return real;
        }
        return Double.NaN;
    }
}
