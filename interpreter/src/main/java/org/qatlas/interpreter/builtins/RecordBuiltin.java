package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatList;
import org.qatlas.interpreter.runtime.QatRecord;

/** {@code keys(r)} and {@code values(r)}: a record's field names or values, in order. */
@GenerateNodeFactory
public abstract class RecordBuiltin extends BuiltinNode {
    private final boolean keys;

    protected RecordBuiltin(boolean keys) {
        this.keys = keys;
    }

    @Specialization
    @TruffleBoundary
    protected QatList fields(QatRecord record) {
        Object[] result = new Object[record.shape().size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = keys ? record.shape().name(i) : record.valueAt(i);
        }
        return new QatList(result);
    }

    @Fallback
    protected Object notARecord(Object value) {
        throw QatException.typeError(this, (keys ? "keys" : "values") + "() needs a record, not %s", value);
    }
}
