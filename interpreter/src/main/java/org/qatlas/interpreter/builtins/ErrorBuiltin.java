package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import org.qatlas.interpreter.runtime.Display;
import org.qatlas.interpreter.runtime.QatException;

/** {@code error(message)}: stops the script with this message at the calling line. */
@GenerateNodeFactory
public abstract class ErrorBuiltin extends BuiltinNode {
    @Specialization
    protected Object fail(Object message) {
        throw new QatException(Display.text(message), this);
    }
}
