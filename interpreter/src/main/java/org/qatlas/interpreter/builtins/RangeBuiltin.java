package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatRange;

/**
 * {@code range(stop)}, {@code range(start, stop)}, {@code range(start, stop, step)}: the
 * whole numbers from start up to, not including, stop. Lazy, so huge ranges cost nothing.
 */
@GenerateNodeFactory
public abstract class RangeBuiltin extends BuiltinNode {
    @Specialization
    protected QatRange range(Object first, Object second, Object third) {
        long start = 0;
        long stop;
        if (Arguments.isNone(second)) {
            stop = Arguments.whole(first, "range", "stop", this);
        } else {
            start = Arguments.whole(first, "range", "start", this);
            stop = Arguments.whole(second, "range", "stop", this);
        }
        long step = Arguments.whole(third, "range", "step", this);
        if (step == 0) {
            throw new QatException("range() step must not be 0", this);
        }
        return make(start, stop, step);
    }

    @TruffleBoundary
    private QatRange make(long start, long stop, long step) {
        try {
            return new QatRange(start, stop, step);
        } catch (IllegalArgumentException tooLong) {
            throw new QatException("range() would have " + tooLong.getMessage(), this);
        }
    }
}
