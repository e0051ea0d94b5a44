package org.qatlas.interpreter.builtins;

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
                case LOG2 -> Math.log(x) / LN2;
                case LOG10 -> Math.log10(x);
                case EXP -> Math.exp(x);
                case SQRT -> Math.sqrt(x);
                case FLOOR -> Math.floor(x);
                case CEIL -> Math.ceil(x);
            };
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

    @Fallback
    protected Object notANumber(Object x) {
        throw QatException.typeError(this, function.name().toLowerCase() + "() needs a number, not %s", x);
    }
}
