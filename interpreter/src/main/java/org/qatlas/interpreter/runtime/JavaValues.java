package org.qatlas.interpreter.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.value.FieldValue;

/**
 * Converts between Qatlas values and the plain Java values the standard library works with:
 * numbers as Long or Double, lists as List, records as Map, domain values as FieldValue.
 * The standard library knows nothing of Truffle, so every value crossing into it goes through
 * here.
 */
public final class JavaValues {
    private JavaValues() {
    }

    @TruffleBoundary
    public static Object toJava(Object value) {
        if (value instanceof Sequence sequence) {
            List<Object> list = new ArrayList<>();
            for (long i = 0; i < sequence.size(); i++) {
                list.add(toJava(sequence.get(i)));
            }
            return list;
        }
        if (value instanceof QatRecord record) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < record.shape().size(); i++) {
                map.put(record.shape().name(i), toJava(record.valueAt(i)));
            }
            return map;
        }
        if (value instanceof DomainValue domain) {
            return domain.unwrap();
        }
        if (value == QatNone.INSTANCE) {
            return null;
        }
        return value;
    }

    @TruffleBoundary
    public static Object toQat(Object value) {
        if (value == null) {
            return QatNone.INSTANCE;
        }
        if (value instanceof FieldValue field) {
            return new DomainValue(field);
        }
        if (value instanceof List<?> list) {
            Object[] elements = new Object[list.size()];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = toQat(list.get(i));
            }
            return new QatList(elements);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> fields = new LinkedHashMap<>();
            map.forEach((key, field) -> fields.put(String.valueOf(key), toQat(field)));
            return QatRecord.of(fields);
        }
        if (value instanceof double[] array) {
            Object[] elements = new Object[array.length];
            for (int i = 0; i < array.length; i++) {
                elements[i] = array[i];
            }
            return new QatList(elements);
        }
        return ForeignValues.toQat(value);
    }
}
