package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import org.qatlas.interpreter.runtime.Display;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatNone;
import org.qatlas.interpreter.runtime.Values;

/**
 * {@code assert(condition, message)} stops the script when the condition is false;
 * {@code error(message)} stops it unconditionally. Both report the line that called them.
 */
@GenerateNodeFactory
public abstract class CheckBuiltin extends BuiltinNode {
    @Specialization
    protected Object check(Object condition, Object message) {
        if (condition instanceof Boolean holds) {
            if (holds) {
                return QatNone.INSTANCE;
            }
            throw new QatException(Display.text(message), this);
        }
        throw new QatException("assert() needs true or false, not " + Values.describe(condition), this);
    }
}
