package org.qatlas.interpreter.nodes.control;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RepeatingNode;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.nodes.locals.WriteTargetNode;
import org.qatlas.interpreter.runtime.ForeignValues;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatList;
import org.qatlas.interpreter.runtime.QatNone;
import org.qatlas.interpreter.runtime.QatRange;
import org.qatlas.interpreter.runtime.QatRecord;
import org.qatlas.interpreter.runtime.Sequence;
import org.qatlas.interpreter.runtime.Values;

/**
 * {@code for x in xs { ... }}, and each {@code for} clause of a comprehension. The loop runs
 * in a Truffle {@link LoopNode}, so a long loop is compiled on its own (on-stack replacement)
 * and can be interrupted. The sequence and the position live in two hidden frame slots.
 */
public final class ForNode extends QatExpressionNode {
    @Child private QatExpressionNode iterable;
    @Child private LoopNode loop;
    private final int sequenceSlot;
    private final int indexSlot;

    public ForNode(WriteTargetNode target, QatExpressionNode iterable, QatExpressionNode body, int sequenceSlot, int indexSlot) {
        this.iterable = iterable;
        this.sequenceSlot = sequenceSlot;
        this.indexSlot = indexSlot;
        this.loop = Truffle.getRuntime().createLoopNode(new Step(target, body, sequenceSlot, indexSlot));
    }

    @Override
    public Object executeGeneric(VirtualFrame frame) {
        frame.setObject(sequenceSlot, asSequence(iterable.executeGeneric(frame)));
        frame.setLong(indexSlot, 0);
        loop.execute(frame);
        frame.setObject(sequenceSlot, null);
        return QatNone.INSTANCE;
    }

    private Sequence asSequence(Object value) {
        if (value instanceof Sequence sequence) {
            return sequence;
        }
        return convert(value);
    }

    @TruffleBoundary
    private Sequence convert(Object value) {
        if (value instanceof String s) {
            return new QatList(s.codePoints().mapToObj(Character::toString).toArray());
        }
        if (value instanceof QatRecord) {
            throw new QatException("cannot loop over a record; loop over keys(r) or values(r)", iterable);
        }
        InteropLibrary interop = InteropLibrary.getUncached(value);
        if (interop.hasArrayElements(value)) {
            try {
                Object[] elements = new Object[(int) interop.getArraySize(value)];
                for (int i = 0; i < elements.length; i++) {
                    elements[i] = ForeignValues.toQat(interop.readArrayElement(value, i));
                }
                return new QatList(elements);
            } catch (UnsupportedMessageException | InvalidArrayIndexException e) {
                throw new QatException("cannot read the elements of " + Values.describe(value), iterable);
            }
        }
        throw new QatException("cannot loop over " + Values.describe(value), iterable);
    }

    /** One iteration: bind the next element and run the body. */
    private static final class Step extends Node implements RepeatingNode {
        @Child private WriteTargetNode target;
        @Child private QatExpressionNode body;
        private final int sequenceSlot;
        private final int indexSlot;

        Step(WriteTargetNode target, QatExpressionNode body, int sequenceSlot, int indexSlot) {
            this.target = target;
            this.body = body;
            this.sequenceSlot = sequenceSlot;
            this.indexSlot = indexSlot;
        }

        @Override
        public boolean executeRepeating(VirtualFrame frame) {
            Object sequence = frame.getObject(sequenceSlot);
            long index = frame.getLong(indexSlot);
            Object element;
            if (sequence instanceof QatRange range) {
                if (index >= range.size()) {
                    return false;
                }
                element = range.start() + index * range.step();
            } else {
                QatList list = (QatList) sequence;
                if (index >= list.size()) {
                    return false;
                }
                element = list.get(index);
            }
            frame.setLong(indexSlot, index + 1);
            target.executeWrite(frame, element);
            body.executeGeneric(frame);
            return true;
        }
    }
}
