package org.qatlas.interpreter.nodes.access;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatList;
import org.qatlas.interpreter.runtime.QatNone;
import org.qatlas.interpreter.runtime.Sequence;
import org.qatlas.interpreter.runtime.Values;

/**
 * {@code xs[a:b]}: the elements from index a up to, not including, b, as a new list (or the
 * characters, as a string). As in Python, either bound may be left out, negative bounds
 * count from the end, and bounds beyond the ends are clamped: {@code r.curve[-10:]}.
 */
public final class SliceNode extends QatExpressionNode {
    @Child private QatExpressionNode receiver;
    @Child private QatExpressionNode from;
    @Child private QatExpressionNode to;

    public SliceNode(QatExpressionNode receiver, QatExpressionNode from, QatExpressionNode to) {
        this.receiver = receiver;
        this.from = from;
        this.to = to;
    }

    @Override
    public Object executeGeneric(VirtualFrame frame) {
        Object value = receiver.executeGeneric(frame);
        Object start = from.executeGeneric(frame);
        Object end = to.executeGeneric(frame);
        return slice(value, start, end);
    }

    @TruffleBoundary
    private Object slice(Object value, Object start, Object end) {
        long size;
        if (value instanceof Sequence sequence) {
            size = sequence.size();
        } else if (value instanceof String string) {
            size = string.length();
        } else {
            throw QatException.typeError(this, "cannot slice %s", value);
        }
        long first = bound(start, 0, size);
        long last = Math.max(first, bound(end, size, size));
        if (value instanceof String string) {
            return string.substring((int) first, (int) last);
        }
        Sequence sequence = (Sequence) value;
        if (last - first > Integer.MAX_VALUE - 8) {
            throw new QatException("a slice of " + (last - first) + " elements is too long for a list", this);
        }
        Object[] elements = new Object[(int) (last - first)];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = sequence.get(first + i);
        }
        return new QatList(elements);
    }

    private long bound(Object value, long missing, long size) {
        if (value == QatNone.INSTANCE) {
            return missing;
        }
        long index;
        if (value instanceof Long l) {
            index = l;
        } else if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            index = d.longValue();
        } else {
            throw new QatException("a slice bound must be a whole number, not " + Values.describe(value), this);
        }
        long resolved = index < 0 ? index + size : index;
        return Math.max(0, Math.min(size, resolved));
    }
}
