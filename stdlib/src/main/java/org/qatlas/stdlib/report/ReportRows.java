package org.qatlas.stdlib.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.store.RunRows;
import org.qatlas.stdlib.table.TableFiles;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.value.FieldValue;
import org.qatlas.stdlib.value.Fields;
import org.qatlas.stdlib.value.TableValue;

/**
 * The rows of a report's tables and of its CSV: flat records whose cells are numbers, strings,
 * booleans or none. A run is the row {@code save} writes for it ({@link RunRows}: its results and
 * its configuration's columns, such as {@code scheme}, {@code weight_bits} and {@code tokens});
 * other domain values are read by their fields. A record
 * inside a row is spread into columns named with a dot ({@code config.model}); a domain value
 * inside one shows as scripts write it ({@code int(4, group: 32)}, see {@link #text}); a list,
 * or a record one level further down, shows as its text when that is short and by its size
 * when it is not (a run's loss curve is "[200 items]"): a table cell is for reading, and
 * {@code save} to {@code .json} keeps everything.
 */
public final class ReportRows {
    /** Longer texts of lists and records are shown by their size instead. */
    private static final int SHORT = 60;

    private ReportRows() {
    }

    /**
     * The rows of {@code value}: a list of records or domain values, or the path of a table
     * file read through {@code files}.
     *
     * @param where how errors name the value, such as "report: runs"
     */
    public static List<Map<String, Object>> of(Object value, FileAccess files, String where) {
        if (value instanceof String path) {
            return of(TableFiles.load(path, files), files, where);
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(where + " must be a list of records or runs, or the path of a table file, not "
                    + Fields.show(value));
        }
        List<Map<String, Object>> rows = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            rows.add(row(list.get(i), where + "[" + i + "]"));
        }
        return rows;
    }

    /** The columns of the rows: every name any row has, in the order first met. */
    public static List<String> columns(List<Map<String, Object>> rows) {
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, Object> row : rows) {
            names.addAll(row.keySet());
        }
        return List.copyOf(names);
    }

    private static Map<String, Object> row(Object item, String where) {
        Map<String, Object> flat = new LinkedHashMap<>();
        switch (item) {
            case RunRecord run -> flat.putAll(RunRows.of(run));
            case Map<?, ?> record -> record.forEach((name, cell) -> spread(String.valueOf(name), cell, flat));
            case FieldValue value -> value.fieldNames().forEach(name -> spread(name, value.field(name), flat));
            default -> throw new IllegalArgumentException(where + " must be a record or a run, not " + Fields.show(item));
        }
        return flat;
    }

    private static void spread(String name, Object cell, Map<String, Object> flat) {
        if (cell instanceof Map<?, ?> record && !record.isEmpty()) {
            record.forEach((inner, value) -> flat.put(name + "." + inner, scalar(value)));
        } else {
            flat.put(name, scalar(cell));
        }
    }

    /** A cell as a number, string, boolean or null. */
    static Object scalar(Object cell) {
        return switch (cell) {
            case null -> null;
            case Long l -> l;
            case Integer i -> i.longValue();
            case Double d -> d;
            case Float f -> f.doubleValue();
            case String s -> s;
            case Boolean b -> b;
            case FieldValue value -> text(value);
            case List<?> list -> shortOr(list, list.size() + (list.size() == 1 ? " item" : " items"), "[", "]");
            case Map<?, ?> map -> shortOr(map, map.size() + (map.size() == 1 ? " field" : " fields"), "{", "}");
            default -> String.valueOf(cell);
        };
    }

    /**
     * A domain value as scripts write it: its own short form where it has one
     * ({@code llama(layers: 2, ...)}), else the shortest call that makes it, as its field table
     * writes it ({@code quant(weights: int(4, group: 32))}, {@code budget(512, batch: 8)}), never
     * the bare "a budget" that says nothing.
     */
    static String text(FieldValue value) {
        if (value.written() != null) {
            return value.written();
        }
        if (value instanceof TableValue<?> tabled) {
            return call(tabled);
        }
        return Fields.show(value);
    }

    private static <T extends TableValue<T>> String call(TableValue<T> value) {
        @SuppressWarnings("unchecked")
        T self = (T) value;
        return value.table().call(self);
    }

    private static String shortOr(Object value, String size, String open, String close) {
        String text = Fields.show(value);
        return text.length() <= SHORT ? text : open + size + close;
    }
}
