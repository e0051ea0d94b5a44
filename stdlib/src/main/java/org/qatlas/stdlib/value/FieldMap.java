package org.qatlas.stdlib.value;

import java.util.List;
import java.util.Map;

/** A domain value whose fields are most simply listed as an ordered map. */
public interface FieldMap extends FieldValue {
    /** The fields by name, in the order they are shown. */
    Map<String, Object> fields();

    @Override
    default List<String> fieldNames() {
        return List.copyOf(fields().keySet());
    }

    @Override
    default Object field(String name) {
        return fields().get(name);
    }
}
