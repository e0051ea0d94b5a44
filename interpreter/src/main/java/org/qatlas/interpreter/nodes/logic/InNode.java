package org.qatlas.interpreter.nodes.logic;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.NodeInfo;
import org.qatlas.interpreter.nodes.BinaryNode;
import org.qatlas.interpreter.runtime.Equality;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatRecord;
import org.qatlas.interpreter.runtime.Sequence;

/** {@code x in xs}: an element of a list or range, a field name of a record, a substring. */
@NodeInfo(shortName = "in")
public abstract class InNode extends BinaryNode {
    @Specialization
    @TruffleBoundary
    protected boolean inSequence(Object element, Sequence sequence) {
        for (long i = 0; i < sequence.size(); i++) {
            if (Equality.equal(element, sequence.get(i))) {
                return true;
            }
        }
        return false;
    }

    @Specialization
    protected boolean inRecord(String name, QatRecord record) {
        return record.shape().indexOf(name) >= 0;
    }

    @Specialization
    @TruffleBoundary
    protected boolean inString(String part, String whole) {
        return whole.contains(part);
    }

    @Fallback
    protected Object mismatch(Object element, Object container) {
        throw QatException.typeError(this, "cannot look for %s in %s", element, container);
    }
}
