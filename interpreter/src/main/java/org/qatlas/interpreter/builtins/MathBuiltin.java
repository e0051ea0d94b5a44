package org.qatlas.interpreter.builtins;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.qatlas.interpreter.laws.Duals;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import org.qatlas.interpreter.runtime.QatException;

/**
 * The functions of one real number: log, log2, log10, exp, sqrt, floor, ceil. Outside their
 * domain they follow IEEE 754 (log(0) is -inf, sqrt(-1) is nan), as NumPy does.
 */
@GenerateNodeFactory
public abstract class MathBuiltin extends BuiltinNode {
    /** Which function; fixed per built-in, so compiled code holds a single operation. */
    public enum Function {
        LOG, LOG2, LOG10, EXP, SQRT, FLOOR, CEIL;

        private static final double LN2 = Math.log(2);

        double apply(double x) {
            return switch (this) {
                case LOG -> Math.log(x);
                case LOG2 -> log2(x);
                case LOG10 -> Math.log10(x);
                case EXP -> Math.exp(x);
                case SQRT -> Math.sqrt(x);
                case FLOOR -> Math.floor(x);
                case CEIL -> Math.ceil(x);
            };
        }

        /**
         * log(x) / ln 2 is off by an ulp for some powers of two (log2(2^29) would be
         * 29.000000000000004), and the QAT laws take log2 of group sizes that are exactly such
         * powers, so those are answered exactly.
         */
        private static double log2(double x) {
            if (x > 0 && x < Double.POSITIVE_INFINITY) {
                int exponent = Math.getExponent(x);
                if (x == Math.scalb(1.0, exponent)) {
                    return exponent;
                }
            }
            return Math.log(x) / LN2;
        }
    }

    @CompilationFinal private final Function function;

    protected MathBuiltin(Function function) {
        this.function = function;
    }

    @Specialization
    protected double compute(double x) {
        return function.apply(x);
    }

    @Specialization
    protected Object computeDual(DerivativeStructure x) {
        return switch (function) {
            case LOG -> Duals.log(x);
            case LOG2 -> Duals.log2(x);
            case LOG10 -> Duals.log10(x);
            case EXP -> Duals.exp(x);
            case SQRT -> Duals.sqrt(x);
            // Steps have derivative zero almost everywhere: the result is a plain number.
            case FLOOR, CEIL -> function.apply(Duals.value(x));
        };
    }

    @Fallback
    protected Object notANumber(Object x) {
        throw QatException.typeError(this, function.name().toLowerCase() + "() needs a number, not %s", x);
    }
}
