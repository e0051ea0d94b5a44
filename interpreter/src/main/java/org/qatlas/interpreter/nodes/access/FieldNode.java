package org.qatlas.interpreter.nodes.access;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.NodeChild;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.library.CachedLibrary;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.runtime.DomainValue;
import org.qatlas.interpreter.runtime.ForeignValues;
import org.qatlas.interpreter.runtime.LawFields;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.QatFunction;
import org.qatlas.interpreter.runtime.QatRecord;
import org.qatlas.interpreter.runtime.RecordShape;
import org.qatlas.interpreter.runtime.Values;
import org.qatlas.stdlib.text.Suggestions;

/**
 * {@code r.name}. For records it remembers where the field sits in the shapes it has seen,
 * so a field read in a loop is an array load. Values from embedders are read through interop.
 */
@NodeChild("receiver")
public abstract class FieldNode extends QatExpressionNode {
    protected final String name;

    protected FieldNode(String name) {
        this.name = name;
    }

    @Specialization(guards = {"record.shape() == cachedShape", "index >= 0"}, limit = "4")
    protected Object cachedField(QatRecord record,
            @Cached("record.shape()") RecordShape cachedShape,
            @Cached("cachedShape.indexOf(name)") int index) {
        return record.valueAt(index);
    }

    @Specialization(replaces = "cachedField")
    protected Object anyField(QatRecord record) {
        Object value = record.get(name);
        if (value == null) {
            throw noSuchField(record);
        }
        return value;
    }

    @Specialization
    protected Object domainField(DomainValue receiver) {
        Object value = receiver.field(name);
        if (value == null) {
            throw noSuchField(receiver);
        }
        return value;
    }

    @Specialization(guards = "function.law() != null")
    protected Object lawField(QatFunction function) {
        Object value = LawFields.field(function.law(), name);
        if (value == null) {
            throw noSuchLawField(function);
        }
        return value;
    }

    @Specialization(guards = {"!isQatValue(receiver)", "members.hasMembers(receiver)"}, limit = "3")
    protected Object foreignMember(Object receiver, @CachedLibrary("receiver") InteropLibrary members) {
        try {
            return ForeignValues.toQat(members.readMember(receiver, name));
        } catch (UnknownIdentifierException | UnsupportedMessageException e) {
            throw new QatException(Values.describe(receiver) + " has no field '" + name + "'", this);
        }
    }

    @Fallback
    protected Object notARecord(Object receiver) {
        throw QatException.typeError(this, "%s has no fields (looking for '" + name + "')", receiver);
    }

    protected static boolean isQatValue(Object value) {
        return value instanceof QatRecord || value instanceof DomainValue || value instanceof QatFunction;
    }

    @TruffleBoundary
    private QatException noSuchField(DomainValue value) {
        java.util.List<String> names = value.unwrap().fieldNames();
        return new QatException("a " + value.unwrap().kind() + " has no field '" + name + "'" + Suggestions.didYouMean(name, names)
                + "; its fields are " + String.join(", ", names), this);
    }

    @TruffleBoundary
    private QatException noSuchLawField(QatFunction law) {
        java.util.List<String> names = LawFields.names(law.law());
        return new QatException((law.law().fit() != null ? "a fitted law" : "a law") + " has no field '" + name + "'"
                + Suggestions.didYouMean(name, names) + "; its fields are " + String.join(", ", names), this);
    }

    @TruffleBoundary
    private QatException noSuchField(QatRecord record) {
        return new QatException("record has no field '" + name + "'" + Suggestions.didYouMean(name, record.names())
                + "; its fields are " + String.join(", ", record.names()), this);
    }
}
