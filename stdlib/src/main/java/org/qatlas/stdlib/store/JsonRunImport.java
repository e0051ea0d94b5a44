package org.qatlas.stdlib.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.train.Provenance;
import org.qatlas.stdlib.train.RunRecord;

/**
 * Brings the runs of a JSON run folder (what stores wrote before the database: one file per run
 * id with the results, a description of the configuration and a SHA-256 digest) into a store,
 * once per folder. Those files kept the model, data and seed only as text and the scheme and
 * budget not at all, so an imported row has no configuration JSON and says so in
 * {@code config_source}; it still answers its run id, which hashes the whole configuration.
 * A file that does not read or whose digest does not match is skipped, as the folder's store
 * skipped it.
 */
public final class JsonRunImport {
    /** The engine that wrote JSON run folders: the training of version 1. */
    static final long ENGINE = 1;
    private static final int FORMAT = 1;
    /** As the folder's store wrote and read its files: the digest is of this mapper's text. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Whole numbers as Long, nan as written: a run as the trainer made it. */
    private static final ObjectMapper VALUES = JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final Pattern SETTING = Pattern.compile("(\\w+): (\\w+)");

    private JsonRunImport() {
    }

    /** What an import did: the runs it added and the files it skipped. */
    public record Outcome(int imported, int skipped) {
    }

    /**
     * Imports, each once, the JSON run folders of a store opened as {@code given} in {@code file}:
     * {@code given} itself when it is one, and the folder beside the file named as the file
     * without its extension ({@code runs} beside {@code runs.db}). A folder that cannot be read
     * now is not recorded as imported, and the next store opened on the file tries again.
     */
    public static void importFolders(Connection connection, Path given, Path file) {
        String name = file.getFileName().toString();
        Path beside = file.resolveSibling(name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name + ".runs");
        for (Path folder : new Path[] {given, beside}) {
            if (holdsRuns(folder)) {
                try {
                    importOnce(connection, folder, Provenance.host(), Provenance.pid());
                } catch (SQLException | IOException e) {
                    // tried again by the next store opened on the file
                }
            }
        }
    }

    /** Whether {@code folder} holds JSON run files. */
    public static boolean holdsRuns(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().matches("[0-9a-f]{12}\\.json"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Imports the folder's runs unless it was imported before, in one transaction; a run the
     * store already holds stays as it is. Returns null when the folder was imported before.
     */
    public static Outcome importOnce(Connection connection, Path folder, String owner, long pid)
            throws SQLException, IOException {
        String name = folder.toAbsolutePath().normalize().toString();
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                Outcome outcome = imported(connection, name) ? null : importAll(connection, folder, name, owner, pid);
                statement.execute("COMMIT");
                return outcome;
            } catch (SQLException | IOException | RuntimeException e) {
                statement.execute("ROLLBACK");
                throw e;
            }
        }
    }

    private static boolean imported(Connection connection, String folder) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM imports WHERE folder = ?")) {
            query.setString(1, folder);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static Outcome importAll(Connection connection, Path folder, String name, String owner, long pid)
            throws SQLException, IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(f -> f.getFileName().toString().matches("[0-9a-f]{12}\\.json")).sorted().toList();
        }
        int imported = 0;
        int skipped = 0;
        for (Path file : files) {
            String runId = file.getFileName().toString().replace(".json", "");
            try {
                Map<String, Object> fields = read(Files.readString(file), runId);
                if (!exists(connection, runId)) {
                    row(runId, fields, file).owner(owner, pid, System.currentTimeMillis()).replace(connection);
                    imported++;
                }
            } catch (IOException | RuntimeException unreadable) {
                skipped++;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO imports (folder, imported, runs, skipped) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, Instant.now().toString());
            insert.setInt(3, imported);
            insert.setInt(4, skipped);
            insert.executeUpdate();
        }
        return new Outcome(imported, skipped);
    }

    private static boolean exists(Connection connection, String runId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM runs WHERE run_id = ?")) {
            query.setString(1, runId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** A finished row from a file's fields: the configuration as the text it kept, no provenance. */
    private static RunRow row(String runId, Map<String, Object> fields, Path file) {
        @SuppressWarnings("unchecked")
        Map<String, Object> described = (Map<String, Object>) fields.get("config");
        String model = text(described.get("model"));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("config", "train(" + model + ", " + text(described.get("scheme")) + ", " + text(described.get("budget"))
                + ", " + text(described.get("data")) + ", seed: " + text(described.get("seed")) + ")");
        config.put("config_source", "imported from " + file + ", which kept the configuration only as this text");
        ModelValue shape = model(model);
        config.put("model", shape == null ? model : ConfigText.of(shape));
        if (shape != null) {
            config.putAll(ConfigColumns.modelColumns(shape));
        }
        config.put("data", described.get("data") == null ? null : text(described.get("data")));
        config.put("seed", described.get("seed") instanceof Number n ? n.longValue() : null);
        @SuppressWarnings("unchecked")
        RunRecord run = new RunRecord(runId, number(fields, "loss"), fields.get("eval_loss") == null ? Double.NaN
                : number(fields, "eval_loss"), (List<Map<String, Object>>) fields.get("curve"), (long) number(fields, "tokens"),
                (long) number(fields, "steps"), number(fields, "seconds"), number(fields, "tokens_per_second"),
                number(fields, "gflops"), number(fields, "mfu"), Map.of(), (Map<String, Object>) fields.get("diagnostics"),
                Map.of());
        return RunRow.of(runId, ENGINE, "finished", config, Map.of()).finished(run);
    }

    /** What the file kept of a setting: its text, or "not recorded" for the scheme and budget it wrote as null. */
    private static String text(Object value) {
        return value == null ? "not recorded" : String.valueOf(value);
    }

    /** The model its text describes, {@code llama(layers: 2, hidden: 64, ...)}, or null. */
    static ModelValue model(String text) {
        if (!text.startsWith("llama(")) {
            return null;
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        Matcher setting = SETTING.matcher(text);
        while (setting.find()) {
            String value = setting.group(2);
            settings.put(setting.group(1), value.equals("true") || value.equals("false") ? Boolean.valueOf(value)
                    : (Object) Long.valueOf(value));
        }
        try {
            return ModelValue.TABLE.make(settings);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** @throws IOException saying why the text is not a trustworthy record of this run */
    private static Map<String, Object> read(String text, String runId) throws IOException {
        Map<String, Object> file = VALUES.readValue(text, new TypeReference<Map<String, Object>>() { });
        if (!Long.valueOf(FORMAT).equals(file.get("format"))) {
            throw new IOException("not a run file of format " + FORMAT);
        }
        if (!runId.equals(file.get("run_id"))) {
            throw new IOException("it holds run " + file.get("run_id"));
        }
        if (!digest(file).equals(file.get("digest"))) {
            throw new IOException("its digest does not match its contents: it was edited or damaged");
        }
        if (!(file.get("config") instanceof Map<?, ?>) || !(file.get("curve") instanceof List<?>)
                || !(file.get("diagnostics") instanceof Map<?, ?>)) {
            throw new IOException("it lacks the configuration, curve or diagnostics");
        }
        return file;
    }

    /** SHA-256 of the file's fields before the digest, as the JSON folder store wrote them. */
    private static String digest(Map<String, Object> fields) throws JsonProcessingException {
        Map<String, Object> content = new LinkedHashMap<>(fields);
        content.remove("digest");
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(JSON.writeValueAsString(content).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static double number(Map<String, Object> file, String field) {
        if (!(file.get(field) instanceof Number number)) {
            throw new IllegalArgumentException("its " + field + " is not a number");
        }
        return number.doubleValue();
    }
}
