package org.qatlas.stdlib.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.qatlas.stdlib.store.RunSchema.Column;
import org.qatlas.stdlib.train.Provenance;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;

/**
 * One row of the store as its columns' values (Long, Double, String or null, as SQLite holds
 * them): made from a run, written, read back, checked, and turned into a run again.
 */
public final class RunRow {
    /**
     * Whole numbers read as Long, as scripts hold them and as the run held them before it was
     * written; nan (a kurtosis of a constant input) written and read as JSON's usual extension.
     */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();
    private static final List<String> PROVENANCE_TEXT = List.of("qatlas_version", "git_commit", "java", "openblas_core",
            "backend", "device", "host", "started", "ended");
    private static final List<String> RESULT_NUMBERS = List.of("loss", "trained_tokens", "steps", "seconds",
            "tokens_per_second", "gflops", "mfu");

    private final Map<String, Object> values;

    private RunRow(Map<String, Object> values) {
        this.values = values;
    }

    /** A row of {@code status} for the run with these configuration columns, engine and provenance. */
    public static RunRow of(String runId, long engine, String status, Map<String, Object> config,
            Map<String, Object> provenance) {
        Map<String, Object> values = new LinkedHashMap<>();
        RunSchema.COLUMNS.forEach(c -> values.put(c.name(), null));
        values.put("run_id", runId);
        values.put("engine", engine);
        values.put("status", status);
        values.putAll(config);
        for (String key : PROVENANCE_TEXT) {
            values.put(key, provenance.get(key) == null ? null : String.valueOf(provenance.get(key)));
        }
        values.put("threads", provenance.get("threads") instanceof Number n ? n.longValue() : null);
        values.put("pid", provenance.get("pid") instanceof Number n ? n.longValue() : null);
        return new RunRow(values);
    }

    /** This row with a finished run's results. */
    public RunRow finished(RunRecord run) {
        values.put("loss", run.loss());
        values.put("eval_loss", Double.isNaN(run.evalLoss()) ? null : run.evalLoss()); // nothing held out
        values.put("trained_tokens", run.tokens());
        values.put("steps", run.steps());
        values.put("seconds", run.seconds());
        values.put("tokens_per_second", run.tokensPerSecond());
        values.put("gflops", run.gflops());
        values.put("mfu", run.mfu());
        values.put("curve", json(run.curve()));
        values.put("diagnostics", json(run.diagnostics()));
        return this;
    }

    /** This row with why its run failed. */
    public RunRow failed(RunFailure failure) {
        values.put("failed_step", failure.step());
        values.put("failure", failure.reason());
        return this;
    }

    /** This row claimed or written by a process of {@code host} and {@code pid}, alive at {@code heartbeat}. */
    public RunRow owner(String host, long pid, long heartbeat) {
        values.put("owner_host", host);
        values.put("owner_pid", pid);
        values.put("heartbeat", heartbeat);
        return this;
    }

    public Object get(String column) {
        return values.get(column);
    }

    /** The columns as they are, the digest last. */
    public Map<String, Object> values() {
        return values;
    }

    /** Inserts this row, replacing the run's earlier row; the digest is computed here. */
    public void replace(Connection connection) throws SQLException {
        values.put("digest", digest());
        String names = String.join(", ", values.keySet());
        String marks = values.keySet().stream().map(k -> "?").collect(Collectors.joining(", "));
        try (PreparedStatement insert = connection.prepareStatement("INSERT OR REPLACE INTO runs (" + names + ") VALUES ("
                + marks + ")")) {
            int index = 1;
            for (Column column : RunSchema.COLUMNS) {
                bind(insert, index++, column, values.get(column.name()));
            }
            insert.executeUpdate();
        }
    }

    /** The row the result set stands on. */
    public static RunRow read(ResultSet rows) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Column column : RunSchema.COLUMNS) {
            Object value = switch (column.type()) {
                case TEXT -> rows.getString(column.name());
                case INTEGER -> rows.getLong(column.name());
                case REAL -> rows.getDouble(column.name());
            };
            values.put(column.name(), rows.wasNull() ? null : value);
        }
        return new RunRow(values);
    }

    /**
     * Why this row cannot be trusted, or null when it can: its digest does not match its
     * columns (it was edited or damaged), or, for a finished run, a result is a number no run
     * can have.
     */
    public String distrust() {
        if (!digest().equals(values.get("digest"))) {
            return "its digest does not match its contents: it was edited or damaged";
        }
        if (!"finished".equals(values.get("status"))) {
            return null; // no results to check
        }
        for (String name : RESULT_NUMBERS) {
            if (!plausible(values.get(name))) {
                return "its " + name + " is " + values.get(name) + ", which no run can have";
            }
        }
        if (values.get("eval_loss") != null && !plausible(values.get("eval_loss"))) {
            return "its eval_loss is " + values.get("eval_loss") + ", which no run can have";
        }
        if ((Long) values.get("steps") < 1) {
            return "its steps are " + values.get("steps") + ", fewer than one";
        }
        try {
            curve();
            map("diagnostics");
        } catch (JsonProcessingException | RuntimeException e) {
            return "its curve or diagnostics are not JSON (" + e.getMessage() + ")";
        }
        return null;
    }

    /** A finite number that is not negative, as every number of a run is. */
    private static boolean plausible(Object value) {
        return value instanceof Number number && number.doubleValue() >= 0 && !Double.isInfinite(number.doubleValue());
    }

    /** The run this row holds, with {@code config} as its configuration; results NaN and empty when it has none. */
    public RunRecord record(Map<String, Object> config) {
        try {
            boolean results = values.get("loss") != null;
            return new RunRecord((String) values.get("run_id"), number("loss"), number("eval_loss"),
                    results ? curve() : List.of(), whole("trained_tokens"), whole("steps"), number("seconds"),
                    number("tokens_per_second"), number("gflops"), number("mfu"), config,
                    results ? map("diagnostics") : Map.of(), provenance());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a trusted row's JSON reads: " + e.getMessage(), e);
        }
    }

    /** The provenance columns as a run shows them; a failed run's also says where and why it stopped. */
    public Map<String, Object> provenance() {
        Map<String, Object> provenance = new LinkedHashMap<>();
        for (String key : Provenance.KEYS) {
            Object value = values.get(key);
            if (value != null) {
                provenance.put(key, value);
            }
        }
        if ("failed".equals(values.get("status"))) {
            provenance.put(Provenance.FAILED_STEP, values.get("failed_step"));
            provenance.put(Provenance.FAILURE, values.get("failure"));
        }
        return provenance;
    }

    private double number(String column) {
        return values.get(column) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private long whole(String column) {
        return values.get(column) instanceof Number n ? n.longValue() : 0;
    }

    private List<Map<String, Object>> curve() throws JsonProcessingException {
        List<Map<String, Object>> curve = JSON.readValue((String) values.get("curve"),
                new TypeReference<List<Map<String, Object>>>() { });
        if (curve == null) {
            throw new IllegalArgumentException("curve is null");
        }
        return curve;
    }

    private Map<String, Object> map(String column) throws JsonProcessingException {
        Map<String, Object> map = JSON.readValue((String) values.get(column), new TypeReference<Map<String, Object>>() { });
        if (map == null) {
            throw new IllegalArgumentException(column + " is null");
        }
        return map;
    }

    /** SHA-256 of the digested columns, by name, as JSON. */
    private String digest() {
        Map<String, Object> content = new LinkedHashMap<>();
        for (Column column : RunSchema.COLUMNS) {
            Object value = values.get(column.name());
            if (column.digested() && !(value == null && RunSchema.ADDED_IN_2.contains(column.name()))) {
                content.put(column.name(), normal(column, value));
            }
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsString(content)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("every JDK has SHA-256, and a row is plain values", e);
        }
    }

    /** A value as it reads back from its column, so that a row digests the same before and after it is written. */
    private static Object normal(Column column, Object value) {
        if (!(value instanceof Number number)) {
            return value;
        }
        return column.type() == RunSchema.Type.INTEGER ? (Object) number.longValue() : (Object) (number.doubleValue() + 0.0);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run's curve and diagnostics are plain values", e);
        }
    }

    private static void bind(PreparedStatement statement, int index, Column column, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, switch (column.type()) {
                case TEXT -> Types.VARCHAR;
                case INTEGER -> Types.BIGINT;
                case REAL -> Types.DOUBLE;
            });
            return;
        }
        switch (column.type()) {
            case TEXT -> statement.setString(index, (String) value);
            case INTEGER -> statement.setLong(index, ((Number) value).longValue());
            case REAL -> statement.setDouble(index, ((Number) value).doubleValue());
        }
    }
}
