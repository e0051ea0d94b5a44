package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import org.qatlas.interpreter.runtime.QatFunction;
import org.qatlas.interpreter.runtime.Values;

/** {@code help(f)}: the signature of a function and its documentation, as text. */
@GenerateNodeFactory
public abstract class HelpBuiltin extends BuiltinNode {
    @Specialization
    @TruffleBoundary
    protected String help(Object value) {
        if (value instanceof QatFunction function) {
            String head = function.name() + function.signature();
            return function.doc().isEmpty() ? head : head + "\n" + function.doc();
        }
        return Values.describe(value);
    }
}
