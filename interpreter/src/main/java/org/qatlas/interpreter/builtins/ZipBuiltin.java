package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatList;
import org.qatlas.interpreter.runtime.Sequence;

/** {@code zip(xs, ys, ...)}: lists of the i-th elements, as long as the shortest list. */
@GenerateNodeFactory
public abstract class ZipBuiltin extends BuiltinNode {
    @Specialization
    @TruffleBoundary
    protected QatList zip(QatList lists) {
        Sequence[] sequences = new Sequence[(int) lists.size()];
        long length = sequences.length == 0 ? 0 : Long.MAX_VALUE;
        for (int i = 0; i < sequences.length; i++) {
            sequences[i] = Arguments.sequence(lists.get(i), "zip", this);
            length = Math.min(length, sequences[i].size());
        }
        if (length > Arguments.MAX_LIST_LENGTH) {
            throw new QatException("zip() cannot make a list of " + length + " elements (at most "
                    + Arguments.MAX_LIST_LENGTH + ")", this);
        }
        // Each row is a new list of one reference per input (and its array and header).
        Arguments.checkMemory(length, 32 + 4L * sequences.length, "zip", this);
        Object[] rows = new Object[(int) length];
        for (int row = 0; row < length; row++) {
            TruffleSafepoint.poll(this); // a long zip can still be cancelled (Ctrl-C, a time limit)
            Object[] tuple = new Object[sequences.length];
            for (int i = 0; i < sequences.length; i++) {
                tuple[i] = sequences[i].get(row);
            }
            rows[row] = new QatList(tuple);
        }
        return new QatList(rows);
    }
}
