package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qatlas.interpreter.runtime.JavaValues;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatRecord;
import org.qatlas.interpreter.runtime.QatList;
import org.qatlas.interpreter.runtime.Sequence;
import org.qatlas.stdlib.study.StudyPlan;

/**
 * {@code zip(xs, ys, ...)}: lists of the i-th elements, as long as the shortest list; and
 * {@code zip(model: sizes, tokens: [250K, 1M])}: a study's paired axes, one run configuration
 * (a record) per position ({@link StudyPlan#zip}).
 */
@GenerateNodeFactory
public abstract class ZipBuiltin extends BuiltinNode {
    @Specialization
    @TruffleBoundary
    protected QatList zip(QatList lists, QatRecord axes) {
        if (axes.names().isEmpty()) {
            return zipLists(lists);
        }
        if (lists.size() > 0) {
            throw new QatException("zip: give lists to pair, or named axes of a study, not both", this);
        }
        try {
            return (QatList) JavaValues.toQat(StudyPlan.zip(axes.toMap().entrySet().stream().collect(LinkedHashMap::new,
                    (map, axis) -> map.put(axis.getKey(), JavaValues.toJava(axis.getValue())), Map::putAll)));
        } catch (IllegalArgumentException e) {
            throw new QatException(e.getMessage(), this);
        }
    }

    private QatList zipLists(QatList lists) {
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
