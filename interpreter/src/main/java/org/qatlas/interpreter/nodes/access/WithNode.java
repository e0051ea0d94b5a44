package org.qatlas.interpreter.nodes.access;

import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;
import org.qatlas.interpreter.nodes.BinaryNode;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatRecord;

/** {@code r with { lr: 1e-3 }}: a copy of {@code r} with the given fields replaced or added. */
@NodeInfo(shortName = "with")
public abstract class WithNode extends BinaryNode {
    @Specialization
    protected QatRecord withRecord(QatRecord original, QatRecord changes) {
        return original.with(changes);
    }

    @Fallback
    protected Object mismatch(Object original, Object changes) {
        if (!(changes instanceof QatRecord)) {
            throw QatException.typeError(this, "'with' needs a record of changes on its right, not %s", changes);
        }
        throw QatException.typeError(this, "cannot change the fields of %s", original);
    }
}
