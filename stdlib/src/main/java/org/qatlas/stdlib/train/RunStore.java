package org.qatlas.stdlib.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.qatlas.stdlib.value.FieldValue;

/**
 * Where finished runs are kept, by run id, so that the same configuration trained again is
 * answered without training: in memory for the process, and optionally in a folder, one JSON
 * file per run, so that a sweep script run again tomorrow reuses yesterday's runs.
 *
 * <p>A file holds the run's results and a readable description of its configuration; the
 * configuration values themselves come from the call that asks, which has the same run id and
 * so the same configuration. A file that cannot be read is ignored (the run is trained again
 * and the file rewritten), never trusted.
 */
public final class RunStore {
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final RunStore PROCESS = new RunStore(null);

    private final Map<String, RunRecord> memory = new ConcurrentHashMap<>();
    private final Path folder;

    private RunStore(Path folder) {
        this.folder = folder;
    }

    /** The store of this process, in memory only. */
    public static RunStore inMemory() {
        return PROCESS;
    }

    /** A store that also keeps runs as files in folder (created when the first run is saved). */
    public static RunStore inFolder(Path folder) {
        return new RunStore(folder);
    }

    /** The folder runs are saved in, or null for a store in memory only. */
    public Path folder() {
        return folder;
    }

    /** The stored run with this id, with the asking call's configuration, or null. */
    public RunRecord find(String runId, Map<String, Object> config) {
        RunRecord known = memory.get(runId);
        if (known != null || folder == null) {
            return known;
        }
        Path file = file(runId);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            RunRecord loaded = read(Files.readString(file), runId, config);
            if (loaded != null) {
                memory.put(runId, loaded);
            }
            return loaded;
        } catch (IOException | RuntimeException e) {
            return null; // an unreadable or foreign file: train again and overwrite it
        }
    }

    /** Keeps a finished run; in a folder, written to a temporary file and moved into place. */
    public void put(RunRecord run) {
        memory.put(run.runId(), run);
        if (folder == null) {
            return;
        }
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, run.runId(), ".tmp");
            Files.writeString(temporary, write(run));
            try {
                Files.move(temporary, file(run.runId()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file(run.runId()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save run " + run.runId() + " in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Forgets the runs held in memory (the files stay). */
    void clearMemory() {
        memory.clear();
    }

    private Path file(String runId) {
        return folder.resolve(runId + ".json");
    }

    static String write(RunRecord run) throws JsonProcessingException {
        Map<String, Object> described = new LinkedHashMap<>();
        run.config().forEach((key, value) -> described.put(key, value instanceof FieldValue field ? field.written()
                : value instanceof Number || value instanceof String ? value : String.valueOf(value)));
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("format", FORMAT);
        file.put("run_id", run.runId());
        file.put("config", described);
        file.put("loss", run.loss());
        file.put("eval_loss", run.evalLoss());
        file.put("tokens", run.tokens());
        file.put("steps", run.steps());
        file.put("seconds", run.seconds());
        file.put("tokens_per_second", run.tokensPerSecond());
        file.put("gflops", run.gflops());
        file.put("mfu", run.mfu());
        file.put("curve", run.curve());
        file.put("diagnostics", run.diagnostics());
        return JSON.writeValueAsString(file);
    }

    static RunRecord read(String text, String runId, Map<String, Object> config) throws IOException {
        Map<String, Object> file = JSON.readValue(text, new TypeReference<Map<String, Object>>() { });
        if (!Integer.valueOf(FORMAT).equals(file.get("format")) || !runId.equals(file.get("run_id"))) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> curve = (List<Map<String, Object>>) file.get("curve");
        @SuppressWarnings("unchecked")
        Map<String, Object> diagnostics = (Map<String, Object>) file.get("diagnostics");
        return new RunRecord(runId, number(file, "loss"), number(file, "eval_loss"), curve, (long) number(file, "tokens"),
                (long) number(file, "steps"), number(file, "seconds"), number(file, "tokens_per_second"),
                number(file, "gflops"), number(file, "mfu"), config, diagnostics);
    }

    private static double number(Map<String, Object> file, String field) {
        return ((Number) file.get(field)).doubleValue();
    }
}
