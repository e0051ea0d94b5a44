package org.qatlas.stdlib.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the cells of a table before anything is written, so a bad value fails with its row
 * and column named and never leaves half a file behind. Java's smaller numbers are widened
 * (Integer, Short and Byte to Long; Float to Double), which is also what they read back as.
 */
final class CellValues {
    private CellValues() {
    }

    /**
     * The rows with every cell in its canonical type.
     *
     * @param nested whether lists and maps may be cells (JSON) or not (CSV, TSV)
     * @throws TableFileException naming the file, the row (from 1) and the column of a bad cell
     */
    static List<Map<String, Object>> check(List<Map<String, Object>> rows, boolean nested, String file) {
        List<Map<String, Object>> checked = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            Map<String, Object> row = rows.get(r);
            if (row == null) {
                throw new TableFileException(file + ": row " + (r + 1) + " is null, not a row");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> cell : row.entrySet()) {
                if (!(cell.getKey() instanceof String column)) {
                    throw new TableFileException(file + ": row " + (r + 1) + " has a column named "
                            + cell.getKey() + "; column names must be strings");
                }
                String where = file + ": row " + (r + 1) + ", column \"" + column + "\": ";
                out.put(column, canonical(cell.getValue(), nested, where));
            }
            checked.add(out);
        }
        return checked;
    }

    private static Object canonical(Object value, boolean nested, String where) {
        return switch (value) {
            case null -> null;
            case Long l -> l;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case Double d -> d;
            case Float f -> f.doubleValue();
            case String s -> s;
            case Boolean b -> b;
            case List<?> list when nested -> canonicalList(list, where);
            case Map<?, ?> map when nested -> canonicalMap(map, where);
            case List<?> list -> throw new TableFileException(where
                    + "a list cannot be written to a CSV or TSV file; save the table as .json");
            case Map<?, ?> map -> throw new TableFileException(where
                    + "a map cannot be written to a CSV or TSV file; save the table as .json");
            default -> throw new TableFileException(where + "a " + value.getClass().getSimpleName()
                    + " cannot be written to a table; cells are numbers, strings, booleans and null"
                    + (nested ? ", lists and maps" : ""));
        };
    }

    private static List<Object> canonicalList(List<?> list, String where) {
        List<Object> out = new ArrayList<>(list.size());
        for (Object item : list) {
            out.add(canonical(item, true, where));
        }
        return out;
    }

    private static Map<String, Object> canonicalMap(Map<?, ?> map, String where) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new TableFileException(where + "a map with the key " + entry.getKey()
                        + " cannot be written; keys must be strings");
            }
            out.put(key, canonical(entry.getValue(), true, where));
        }
        return out;
    }
}
