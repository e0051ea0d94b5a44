package org.qatlas.stdlib.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Domain values as JSON trees (maps, lists, numbers, strings, booleans and nulls, as Jackson
 * reads and writes them) and back, through their field tables: a value becomes
 * {@code {"kind": "int", "bits": 4, "group": 32, ...}} with every setting written out, defaults
 * included, so that the text says all there is to know; reading calls the kind's table as a
 * script's call would, so a value read back is checked like any other.
 */
public final class ValueJson {
    /** The key that names a value's kind; no field of any table is called so. */
    public static final String KIND = "kind";

    private ValueJson() {
    }

    /** The tree of a value: a table value as its kind and settings, maps and lists element by element. */
    public static Object tree(Object value) {
        if (value instanceof TableValue<?> table) {
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put(KIND, table.kind());
            for (String name : table.table().settings()) {
                tree.put(name, tree(table.field(name)));
            }
            return tree;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> tree = new LinkedHashMap<>();
            map.forEach((key, element) -> tree.put(String.valueOf(key), tree(element)));
            return tree;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ValueJson::tree).toList();
        }
        if (value instanceof FieldValue other) {
            throw new IllegalArgumentException("a " + other.kind() + " has no table and cannot be written as JSON");
        }
        return value;
    }

    /**
     * The value a tree describes: a map with a {@link #KIND} is made by that kind's table from
     * {@code tables}; whole numbers are read as Long and others as Double, as scripts hold them.
     *
     * @throws IllegalArgumentException for a kind no table makes, or settings its table refuses
     */
    public static Object read(Object tree, Map<String, FieldTable<?>> tables) {
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> fields = new LinkedHashMap<>();
            map.forEach((key, element) -> fields.put(String.valueOf(key), read(element, tables)));
            if (!(fields.remove(KIND) instanceof String kind)) {
                return fields;
            }
            FieldTable<?> table = tables.get(kind);
            if (table == null) {
                throw new IllegalArgumentException("no value of kind '" + kind + "' can be read (known: "
                        + String.join(", ", tables.keySet()) + ")");
            }
            return table.make(fields);
        }
        if (tree instanceof List<?> list) {
            List<Object> elements = new ArrayList<>();
            list.forEach(element -> elements.add(read(element, tables)));
            return elements;
        }
        if (tree instanceof Integer || tree instanceof Short || tree instanceof Byte) {
            return ((Number) tree).longValue();
        }
        if (tree instanceof Float f) {
            return f.doubleValue();
        }
        if (tree instanceof java.math.BigInteger || tree instanceof java.math.BigDecimal) {
            return ((Number) tree).doubleValue();
        }
        return tree;
    }
}
