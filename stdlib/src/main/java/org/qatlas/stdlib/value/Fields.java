package org.qatlas.stdlib.value;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.text.NumberText;
import org.qatlas.stdlib.text.Suggestions;

/** Checks and conversions for the fields of domain values, with messages fit for users. */
public final class Fields {
    private Fields() {
    }

    /** A field of one row of a table as a number: "fit: row 3 has no field 'G'; its fields are N, D". */
    public static double rowNumber(String owner, Map<String, Object> row, String field, int index) {
        if (!row.containsKey(field)) {
            throw new IllegalArgumentException(owner + ": row " + index + " has no field '" + field + "'; its fields are "
                    + String.join(", ", row.keySet()));
        }
        if (!(row.get(field) instanceof Number number)) {
            throw new IllegalArgumentException(owner + ": row " + index + " field '" + field + "' must be a number, not "
                    + row.get(field));
        }
        return number.doubleValue();
    }

    /** Rejects change names that are not fields, suggesting the closest one. */
    public static void checkNames(String kind, Map<String, Object> changes, Collection<String> known) {
        for (String name : changes.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(kind + " has no field '" + name + "'" + Suggestions.didYouMean(name, known)
                        + "; its fields are " + String.join(", ", known));
            }
        }
    }

    public static long wholeNumber(String owner, String name, Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p63) {
            return d.longValue();
        }
        throw new IllegalArgumentException(owner + ": " + name + " must be a whole number, not " + show(value));
    }

    public static int positiveInt(String owner, String name, Object value) {
        long n = wholeNumber(owner, name, value);
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(owner + ": " + name + " must be a positive whole number, not " + n);
        }
        return (int) n;
    }

    public static double number(String owner, String name, Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Double d) {
            return d;
        }
        throw new IllegalArgumentException(owner + ": " + name + " must be a number, not " + show(value));
    }

    public static boolean bool(String owner, String name, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(owner + ": " + name + " must be true or false, not " + show(value));
    }

    public static String string(String owner, String name, Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(owner + ": " + name + " must be a string, not " + show(value));
    }

    /** A value as scripts write it (1e30, nan, [1, 2], { a: 1 }, int(4)), not as Java prints it (1.0E30, NaN, {a=1}). */
    public static String show(Object value) {
        return switch (value) {
            case null -> "none";
            case String s -> "\"" + s + "\"";
            case Double d -> NumberText.format(d);
            case Long l -> NumberText.format(l);
            case FieldValue field -> field.written() != null ? field.written() : "a " + field.kind();
            case List<?> list -> "[" + String.join(", ", list.stream().map(Fields::show).toList()) + "]";
            case Map<?, ?> map when map.isEmpty() -> "{}";
            case Map<?, ?> map -> "{ " + String.join(", ", map.entrySet().stream()
                    .map(e -> key(String.valueOf(e.getKey())) + ": " + show(e.getValue())).toList()) + " }";
            default -> String.valueOf(value);
        };
    }

    private static String key(String name) {
        return name.matches("[A-Za-z_][A-Za-z_0-9]*") ? name : "\"" + name + "\"";
    }
}
