package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatRecord;
import org.qatlas.interpreter.runtime.Sequence;

/** {@code len(x)}: elements of a list or range, characters of a string, fields of a record. */
@GenerateNodeFactory
public abstract class LenBuiltin extends BuiltinNode {
    @Specialization
    protected long sequence(Sequence value) {
        return value.size();
    }

    @Specialization
    protected long string(String value) {
        return value.codePointCount(0, value.length());
    }

    @Specialization
    protected long record(QatRecord value) {
        return value.shape().size();
    }

    @Fallback
    protected Object noLength(Object value) {
        throw QatException.typeError(this, "%s has no length", value);
    }
}
