package org.qatlas.stdlib.value;

import java.util.List;
import java.util.Map;

/**
 * A domain value (a model, a quantization scheme, a budget, a run) that scripts see as a
 * record: its fields can be read, and {@code value with { field: x }} makes a changed copy.
 *
 * <p>Field values are plain Java: Long, Double, String, Boolean, List, Map (a record),
 * or another FieldValue. Changes arrive the same way; a wrong field name or type is an
 * IllegalArgumentException whose message is shown to the user as it is.
 */
public interface FieldValue {
    /** What scripts call this kind of value: "model", "scheme", "budget", "run". */
    String kind();

    /** The field names, in the order they are shown. */
    List<String> fieldNames();

    /** The value of a field; the name is one of {@link #fieldNames()}. */
    Object field(String name);

    /** A copy with some fields replaced. */
    FieldValue with(Map<String, Object> changes);

    /**
     * How the value is shown when all its fields would say too much, for example
     * {@code int(4, group: 32)}; null to show every field.
     */
    default String written() {
        return null;
    }
}
