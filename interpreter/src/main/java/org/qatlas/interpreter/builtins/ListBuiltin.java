package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import org.qatlas.interpreter.runtime.QatList;
import org.qatlas.interpreter.runtime.Sequence;

/** {@code reversed(xs)} and {@code enumerate(xs)} (pairs [index, element]). */
@GenerateNodeFactory
public abstract class ListBuiltin extends BuiltinNode {
    public enum Operation { REVERSED, ENUMERATE }

    private final Operation operation;

    protected ListBuiltin(Operation operation) {
        this.operation = operation;
    }

    @Specialization
    @TruffleBoundary
    protected QatList apply(Object values) {
        Sequence sequence = Arguments.sequence(values, operation.name().toLowerCase(), this);
        int n = Arguments.listLength(sequence, operation.name().toLowerCase(), this);
        Object[] result = new Object[n];
        for (int i = 0; i < n; i++) {
            TruffleSafepoint.poll(this); // a long copy can still be cancelled (Ctrl-C, a time limit)
            result[i] = switch (operation) {
                case REVERSED -> sequence.get(n - 1 - i);
                case ENUMERATE -> new QatList(new Object[] {(long) i, sequence.get(i)});
            };
        }
        return new QatList(result);
    }
}
