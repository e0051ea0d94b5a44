package org.qatlas.interpreter.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable record of named fields in the order they were written, such as
 * {@code { N: 74M, D: 10B }}. {@code r with { D: 20B }} makes a changed copy. Embedders see
 * the fields as members.
 */
@ExportLibrary(InteropLibrary.class)
public final class QatRecord implements TruffleObject {
    private final RecordShape shape;
    private final Object[] values;

    /** Takes ownership of {@code values}, one per field of {@code shape}. */
    public QatRecord(RecordShape shape, Object[] values) {
        assert shape.size() == values.length;
        this.shape = shape;
        this.values = values;
    }

    /** A record from name-value pairs in iteration order. */
    @TruffleBoundary
    public static QatRecord of(Map<String, ?> fields) {
        return new QatRecord(new RecordShape(fields.keySet().toArray(String[]::new)), fields.values().toArray());
    }

    public RecordShape shape() {
        return shape;
    }

    public Object valueAt(int index) {
        return values[index];
    }

    /** The value of field {@code name}, or null when there is none. */
    @TruffleBoundary
    public Object get(String name) {
        int index = shape.indexOf(name);
        return index < 0 ? null : values[index];
    }

    public List<String> names() {
        return shape.names();
    }

    /** The fields as an ordered map, for building changed copies. */
    @TruffleBoundary
    public LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(shape.name(i), values[i]);
        }
        return map;
    }

    /** A copy with the fields of {@code changes} replaced or, when new, appended. */
    @TruffleBoundary
    public QatRecord with(QatRecord changes) {
        LinkedHashMap<String, Object> merged = toMap();
        for (int i = 0; i < changes.values.length; i++) {
            merged.put(changes.shape.name(i), changes.values[i]);
        }
        return of(merged);
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        List<Object> names = new ArrayList<>(shape.names());
        return QatList.of(names);
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        return shape.indexOf(member) >= 0;
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        int index = shape.indexOf(member);
        if (index < 0) {
            throw UnknownIdentifierException.create(member);
        }
        return values[index];
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return Display.repr(this);
    }

    @Override
    public String toString() {
        return Display.repr(this);
    }
}
