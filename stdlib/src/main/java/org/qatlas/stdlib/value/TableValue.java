package org.qatlas.stdlib.value;

import java.util.List;
import java.util.Map;

/**
 * A domain value described by a {@link FieldTable}: its kind, fields and {@code with} all come
 * from the table.
 *
 * @param <T> the value's own class
 */
public interface TableValue<T extends TableValue<T>> extends FieldValue {
    /** The table of this value's fields. */
    FieldTable<T> table();

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    @Override
    default String kind() {
        return table().kind();
    }

    @Override
    default List<String> fieldNames() {
        return table().names();
    }

    @Override
    default Object field(String name) {
        return table().get(self(), name);
    }

    /** All fields as scripts see them, in order. */
    default Map<String, Object> fields() {
        return table().fieldsOf(self());
    }

    @Override
    default T with(Map<String, Object> changes) {
        return table().with(self(), changes);
    }
}
