package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatExit;

/** {@code exit(status = 0)}: ends the script with an exit status for the shell. */
@GenerateNodeFactory
public abstract class ExitBuiltin extends BuiltinNode {
    @Specialization
    protected Object exit(Object status) {
        long code = Arguments.whole(status, "exit", "status", this);
        if (code < 0 || code > 255) {
            throw new QatException("exit(): status must be between 0 and 255, not " + code, this);
        }
        throw new QatExit((int) code, this);
    }
}
