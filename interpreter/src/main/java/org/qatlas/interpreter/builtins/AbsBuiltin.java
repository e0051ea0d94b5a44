package org.qatlas.interpreter.builtins;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.qatlas.interpreter.laws.Duals;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import org.qatlas.interpreter.runtime.QatException;

/** {@code abs(x)}. */
@GenerateNodeFactory
public abstract class AbsBuiltin extends BuiltinNode {
    @Specialization(rewriteOn = ArithmeticException.class)
    protected long absLong(long x) {
        return Math.absExact(x);
    }

    @Specialization(replaces = "absLong")
    protected double absDouble(double x) {
        return Math.abs(x);
    }

    @Specialization
    protected DerivativeStructure absDual(DerivativeStructure x) {
        return Duals.abs(x);
    }

    @Fallback
    protected Object notANumber(Object x) {
        throw QatException.typeError(this, "abs() needs a number, not %s", x);
    }
}
