package org.qatlas.interpreter.nodes.access;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Fallback;
import java.util.Map;
import org.qatlas.interpreter.runtime.DomainValue;
import org.qatlas.interpreter.runtime.JavaValues;
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

    @Specialization
    @TruffleBoundary
    protected DomainValue withDomain(DomainValue original, QatRecord changes) {
        @SuppressWarnings("unchecked")
        Map<String, Object> javaChanges = (Map<String, Object>) JavaValues.toJava(changes);
        try {
            return new DomainValue(original.unwrap().with(javaChanges));
        } catch (IllegalArgumentException e) {
            throw new QatException(e.getMessage(), this);
        }
    }

    @Fallback
    protected Object mismatch(Object original, Object changes) {
        if (!(changes instanceof QatRecord)) {
            throw QatException.typeError(this, "'with' needs a record of changes on its right, not %s", changes);
        }
        throw QatException.typeError(this, "cannot change the fields of %s", original);
    }
}
