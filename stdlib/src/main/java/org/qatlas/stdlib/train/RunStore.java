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
import java.util.function.Consumer;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.value.FieldValue;

/**
 * Where finished runs are kept, by run id, so that the same configuration trained again is
 * answered without training: in memory, and optionally in a folder, one JSON file per run, so
 * that a sweep script run again tomorrow reuses yesterday's runs. Each store has its own
 * memory: two contexts of one process share runs only through a folder both name.
 *
 * <p>A file holds the run's results, a readable description of its configuration, and a
 * SHA-256 digest of the rest; the configuration values themselves come from the call that
 * asks, which has the same run id and so the same configuration. A file that cannot be read,
 * whose digest does not match (it was edited) or whose numbers cannot be a run's (a negative
 * loss) is never trusted: the run is trained again and the file rewritten.
 */
public final class RunStore {
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, RunRecord> memory = new ConcurrentHashMap<>();
    private final java.util.Set<String> claims = ConcurrentHashMap.newKeySet();
    private final Map<String, RunFailure> failures = new ConcurrentHashMap<>();
    private final Path folder;

    private RunStore(Path folder) {
        this.folder = folder;
    }

    /** A new store in memory only, empty. */
    public static RunStore inMemory() {
        return new RunStore(null);
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
        return find(runId, config, message -> { });
    }

    /**
     * The stored run with this id, or null; a file for it that is not trusted is reported to
     * {@code warnings} (and the caller trains again, replacing it).
     */
    public RunRecord find(String runId, Map<String, Object> config, Consumer<String> warnings) {
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
            memory.put(runId, loaded);
            return loaded;
        } catch (IOException | RuntimeException e) {
            warnings.accept("train: warning: ignoring the stored run " + file + " (" + e.getMessage() + "); training it again");
            return null;
        }
    }

    /**
     * Claims a run before it trains, so that no other study or process trains the same
     * configuration at the same time: false when the run is finished in the store or another
     * live holder has claimed it. In memory, claims only guard the studies of this process.
     */
    public boolean claim(RunSpec spec) {
        String runId = spec.runId();
        return !memory.containsKey(runId) && claims.add(runId);
    }

    /** Gives up a claim without an outcome (the study was interrupted): the run may train again. */
    public void release(String runId) {
        claims.remove(runId);
    }

    /** Keeps a run that stopped without finishing, and gives up its claim. */
    public void fail(RunSpec spec, RunFailure failure) {
        failures.put(spec.runId(), failure);
        claims.remove(spec.runId());
    }

    /** Why the run with this id failed, the last time it was tried; null when it never failed. */
    public RunFailure failure(String runId) {
        return failures.get(runId);
    }

    /** Keeps a finished run; in a folder, written to a temporary file and moved into place. */
    public void put(RunRecord run) {
        memory.put(run.runId(), run);
        claims.remove(run.runId());
        if (folder == null) {
            return;
        }
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            temporary = Files.createTempFile(folder, run.runId(), ".tmp");
            Files.writeString(temporary, write(run));
            try {
                Files.move(temporary, file(run.runId()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file(run.runId()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (temporary != null) {
                FileAccess.deleteQuietly(FileAccess.local(), temporary.toString());
            }
            throw new UncheckedIOException("cannot save run " + run.runId() + " in " + folder + ": " + e.getMessage(), e);
        }
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
        file.put("eval_loss", Double.isNaN(run.evalLoss()) ? null : run.evalLoss()); // nothing held out
        file.put("tokens", run.tokens());
        file.put("steps", run.steps());
        file.put("seconds", run.seconds());
        file.put("tokens_per_second", run.tokensPerSecond());
        file.put("gflops", run.gflops());
        file.put("mfu", run.mfu());
        file.put("curve", run.curve());
        file.put("diagnostics", run.diagnostics());
        file.put("digest", digest(file));
        return JSON.writeValueAsString(file);
    }

    /** SHA-256 of the file's fields before the digest, as this class writes them. */
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

    /** @throws IOException saying why the text is not a trustworthy record of this run */
    static RunRecord read(String text, String runId, Map<String, Object> config) throws IOException {
        Map<String, Object> file = JSON.readValue(text, new TypeReference<Map<String, Object>>() { });
        if (!Integer.valueOf(FORMAT).equals(file.get("format"))) {
            throw new IOException("not a run file of format " + FORMAT);
        }
        if (!runId.equals(file.get("run_id"))) {
            throw new IOException("it holds run " + file.get("run_id"));
        }
        if (!digest(file).equals(file.get("digest"))) {
            throw new IOException("its digest does not match its contents: it was edited or damaged");
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> curve = (List<Map<String, Object>>) file.get("curve");
        @SuppressWarnings("unchecked")
        Map<String, Object> diagnostics = (Map<String, Object>) file.get("diagnostics");
        double evalLoss = file.get("eval_loss") == null ? Double.NaN : number(file, "eval_loss");
        if (!(evalLoss >= 0) && !Double.isNaN(evalLoss) || (long) number(file, "steps") < 1 || curve == null
                || diagnostics == null) {
            throw new IOException("its results cannot be a run's");
        }
        return new RunRecord(runId, number(file, "loss"), evalLoss, curve, (long) number(file, "tokens"),
                (long) number(file, "steps"), number(file, "seconds"), number(file, "tokens_per_second"),
                number(file, "gflops"), number(file, "mfu"), config, diagnostics);
    }

    /** A field that must hold a finite number that is not negative, as every number of a run is. */
    private static double number(Map<String, Object> file, String field) throws IOException {
        if (!(file.get(field) instanceof Number number) || !(number.doubleValue() >= 0)
                || Double.isInfinite(number.doubleValue())) {
            throw new IOException("its " + field + " is " + file.get(field) + ", which no run can have");
        }
        return number.doubleValue();
    }
}
