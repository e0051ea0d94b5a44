package org.qatlas.stdlib.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.qatlas.stdlib.data.TokenData;
import org.qatlas.stdlib.store.RunSchema.Column;
import org.qatlas.stdlib.store.RunSchema.Group;
import org.qatlas.stdlib.text.NumberText;
import org.qatlas.stdlib.text.Suggestions;
import org.qatlas.stdlib.value.FieldValue;
import org.qatlas.stdlib.value.Fields;

/**
 * A filter on stored runs, by name: {@code { layers: 2, weight_bits: 4, scheme: w4a4 }} selects
 * the runs whose columns equal those values; a list selects any of its values. Model, scheme
 * and budget are given as values (or as their text) and compared by their full text, data as a
 * value or its description; numbers
 * may come as text too, as on the command line ({@code tokens=250K}). Finished runs only unless
 * {@code status} says otherwise.
 *
 * @param sql the WHERE clause
 * @param parameters its values, in order
 */
public record RunFilter(String sql, List<Object> parameters) {
    /** What {@code status} selects when the filter does not name it. */
    public static final String DEFAULT_STATUS = "finished";
    private static final List<String> STATUSES = List.of("running", "finished", "failed");

    /** Every name a filter may use: the identity, the searchable columns and a few of the provenance. */
    public static final List<String> NAMES = Stream.concat(Stream.of("run_id", "engine", "status"), Stream.concat(
            RunSchema.of(Group.SEARCH).stream().map(Column::name), Stream.of("host", "git_commit", "qatlas_version")))
            .toList();

    /**
     * The filter for these names and values.
     *
     * @throws IllegalArgumentException for a name that is not a filter (listing those that are)
     *     or a value that cannot be the column's
     */
    public static RunFilter of(Map<String, Object> filter) {
        List<String> clauses = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (String name : filter.keySet()) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("runs: cannot filter on '" + name + "'" + Suggestions.didYouMean(name, NAMES)
                        + "; the filters are " + String.join(", ", NAMES));
            }
        }
        Object status = filter.containsKey("status") ? filter.get("status") : DEFAULT_STATUS;
        for (Object one : values(status)) {
            if (!STATUSES.contains(one)) {
                throw new IllegalArgumentException("runs: status must be running, finished or failed, not " + Fields.show(one));
            }
        }
        clause("status", values(status), clauses, parameters);
        for (Map.Entry<String, Object> entry : filter.entrySet()) {
            if (!entry.getKey().equals("status")) {
                Column column = RunSchema.column(entry.getKey());
                List<Object> wanted = new ArrayList<>();
                for (Object value : values(entry.getValue())) {
                    wanted.add(convert(column, value));
                }
                clause(column.name(), wanted, clauses, parameters);
            }
        }
        return new RunFilter(String.join(" AND ", clauses), List.copyOf(parameters));
    }

    private static List<?> values(Object value) {
        return value instanceof List<?> list ? list : java.util.Collections.singletonList(value);
    }

    private static void clause(String column, List<?> values, List<String> clauses, List<Object> parameters) {
        if (values.size() == 1 && values.get(0) == null) {
            clauses.add(column + " IS NULL");
            return;
        }
        clauses.add(column + " IN (" + String.join(", ", values.stream().map(v -> "?").toList()) + ")");
        parameters.addAll(values);
    }

    /** A value as the column holds it: a Long, a Double or a String. */
    private static Object convert(Column column, Object value) {
        if (value == null) {
            return null;
        }
        String name = column.name();
        return switch (column.type()) {
            case TEXT -> value instanceof String s ? s
                    : value instanceof TokenData data ? data.describe() // the data column holds descriptions
                    : value instanceof FieldValue ? ConfigText.of(value) : Fields.show(value);
            case INTEGER -> {
                if (value instanceof Boolean b) {
                    yield b ? 1L : 0L;
                }
                if (value instanceof String s && (s.equals("true") || s.equals("false"))) {
                    yield s.equals("true") ? 1L : 0L;
                }
                yield Fields.wholeNumber("runs", name, number(name, value));
            }
            case REAL -> Fields.number("runs", name, number(name, value)) + 0.0; // -0.0 is 0.0, as stored
        };
    }

    /** A number given as one or as text (250K, 2e-3). */
    private static Object number(String name, Object value) {
        if (!(value instanceof String text)) {
            return value;
        }
        try {
            return NumberText.parseLiteral(text.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("runs: " + name + " must be a number, not \"" + text + "\"", e);
        }
    }
}
