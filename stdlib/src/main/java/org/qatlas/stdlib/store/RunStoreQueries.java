package org.qatlas.stdlib.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.train.RunSpecCodec;

/** Reading rows: one run's, or those a filter selects, with the configuration they hold. */
public final class RunStoreQueries {
    /** What an imported row's configuration shows for the settings its JSON run file did not keep. */
    static final String NOT_RECORDED = "not recorded (imported from a JSON run file)";

    /** The columns a listing of rows shows: all but the JSON, the claim and the digest. */
    public static final List<String> LISTED = RunSchema.COLUMNS.stream().map(RunSchema.Column::name)
            .filter(name -> !List.of("config_json", "curve", "diagnostics", "owner_host", "owner_pid", "heartbeat", "digest")
                    .contains(name))
            .toList();

    private RunStoreQueries() {
    }

    /** The {@link #LISTED} columns of a row, by name. */
    public static Map<String, Object> listed(RunRow row) {
        Map<String, Object> columns = new LinkedHashMap<>();
        LISTED.forEach(name -> columns.put(name, row.get(name)));
        return columns;
    }

    /** The run's row, or null. */
    public static RunRow row(Connection connection, String runId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM runs WHERE run_id = ?")) {
            query.setString(1, runId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? RunRow.read(rows) : null;
            }
        }
    }

    /** The rows the filter selects, oldest first (imported rows, which have no start, before all). */
    public static List<RunRow> select(Connection connection, RunFilter filter) throws SQLException {
        List<RunRow> found = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM runs WHERE " + filter.sql()
                + " ORDER BY coalesce(started, ''), run_id")) {
            int index = 1;
            for (Object parameter : filter.parameters()) {
                query.setObject(index++, parameter);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(RunRow.read(rows));
                }
            }
        }
        return found;
    }

    /**
     * The configuration a row holds, as a run shows it: rebuilt from its JSON (the data stays
     * its description: no corpus is read), or for an imported row the model its text names and
     * {@link #NOT_RECORDED} for what the JSON run file did not keep.
     */
    public static Map<String, Object> config(RunRow row) {
        if (row.get("config_json") instanceof String json) {
            return RunSpecCodec.config(json);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        String modelText = String.valueOf(row.get("model"));
        ModelValue model = JsonRunImport.model(modelText);
        config.put("model", model != null ? model : modelText);
        config.put("scheme", NOT_RECORDED);
        config.put("budget", NOT_RECORDED);
        config.put("data", row.get("data") != null ? row.get("data") : NOT_RECORDED);
        config.put("seed", row.get("seed") != null ? row.get("seed") : NOT_RECORDED);
        return config;
    }
}
