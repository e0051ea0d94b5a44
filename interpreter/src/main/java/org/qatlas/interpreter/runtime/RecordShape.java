package org.qatlas.interpreter.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered field names of a record. Records made by the same literal share one shape, so
 * a field access can remember "this shape keeps N at index 0" and skip the name lookup.
 */
public final class RecordShape {
    private final String[] names;
    private final Map<String, Integer> indexByName;

    public RecordShape(String... names) {
        this.names = names.clone();
        this.indexByName = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (indexByName.put(names[i], i) != null) {
                throw new IllegalArgumentException("duplicate field '" + names[i] + "'");
            }
        }
    }

    /** The position of {@code name}, or -1 when the shape has no such field. */
    @TruffleBoundary
    public int indexOf(String name) {
        Integer index = indexByName.get(name);
        return index == null ? -1 : index;
    }

    public int size() {
        return names.length;
    }

    public String name(int index) {
        return names[index];
    }

    public List<String> names() {
        return Arrays.asList(names);
    }
}
