package org.qatlas.stdlib.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.qatlas.stdlib.model.Parallel;
import org.qatlas.stdlib.store.ConfigColumns;
import org.qatlas.stdlib.store.JsonRunImport;
import org.qatlas.stdlib.store.RunClaims;
import org.qatlas.stdlib.store.RunDatabase;
import org.qatlas.stdlib.store.RunFilter;
import org.qatlas.stdlib.store.RunRow;
import org.qatlas.stdlib.store.RunSchema;
import org.qatlas.stdlib.store.RunStoreQueries;

/**
 * Where runs are kept, by run id, so that the same configuration trained again is answered
 * without training: one SQLite database, in a file that several processes share (two
 * {@code qat run}, a REPL, a cluster's driver) or in this process's memory. A row holds the run's
 * configuration (readable text, JSON, and columns to filter on), its results, its provenance and
 * its status: running (claimed), finished or failed. See {@code org.qatlas.stdlib.store}.
 *
 * <p>A run is answered only by a finished row of this {@link Trainer#ENGINE_VERSION}; rows of
 * other versions stay listable. A row whose digest does not match its contents (it was edited)
 * or whose numbers cannot be a run's (a negative loss) is never trusted: the run is trained again
 * and the row replaced. A file that cannot be opened or written (no permission, a full disk)
 * does not stop training: the store keeps runs in memory and {@link #put} says that it could not
 * save them.
 */
public final class RunStore implements AutoCloseable {
    /** What a row says of its run. */
    public enum Status { RUNNING, FINISHED, FAILED }

    private final Connection db;
    private final Path file;
    /** Why the file could not be opened (runs are then kept in memory), or null. */
    private final String unavailable;
    /** The runs this store claimed and has not yet put, failed or released. */
    private final Set<String> held = new HashSet<>();
    private ScheduledExecutorService heartbeat;

    private RunStore(Connection db, Path file, String unavailable) {
        this.db = db;
        this.file = file;
        this.unavailable = unavailable;
    }

    /** A new store in this process's memory, empty. */
    public static RunStore inMemory() {
        return new RunStore(RunDatabase.inMemory(), null, null);
    }

    /**
     * The store in {@code path}: a database file, or a folder's {@code runs.db} (see
     * {@link RunDatabase#file}). A JSON run folder (what stores wrote before) is imported once:
     * {@code path} itself when it is one, and the folder beside the file named as the file
     * without its extension ({@code runs} beside {@code runs.db}).
     *
     * @throws IllegalArgumentException naming the file when it is not a Qatlas run store
     */
    public static RunStore open(Path path) {
        Path file = RunDatabase.file(path);
        Connection db;
        try {
            db = RunDatabase.open(file);
        } catch (SQLException | IOException e) {
            return new RunStore(RunDatabase.inMemory(), file, reason(e));
        }
        RunStore store = new RunStore(db, file, null);
        String name = file.getFileName().toString();
        Path beside = file.resolveSibling(name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name + ".runs");
        for (Path folder : new Path[] {path, beside}) {
            if (JsonRunImport.holdsRuns(folder)) {
                store.importFolder(folder);
            }
        }
        return store;
    }

    /** The database file, or null for a store in memory. */
    public Path file() {
        return file;
    }

    /** Why the file could not be opened, so that runs are kept in memory only; null when it is in use. */
    public String problem() {
        return unavailable;
    }

    /** The stored run with this id, with the asking call's configuration, or null. */
    public RunRecord find(String runId, Map<String, Object> config) {
        return find(runId, config, message -> { });
    }

    /**
     * The finished run with this id trained by this engine version, or null; a row for it that
     * is not trusted is reported to {@code warnings} (and the caller trains again, replacing it).
     */
    public synchronized RunRecord find(String runId, Map<String, Object> config, Consumer<String> warnings) {
        try {
            RunRow row = RunStoreQueries.row(db, runId);
            if (row == null || !"finished".equals(row.get("status")) || (Long) row.get("engine") != Trainer.ENGINE_VERSION) {
                return null;
            }
            String distrust = row.distrust();
            if (distrust != null) {
                warnings.accept("train: warning: ignoring the stored run " + runId + " in " + where() + " (" + distrust
                        + "); training it again");
                return null;
            }
            return row.record(config);
        } catch (SQLException e) {
            warnings.accept("train: warning: cannot read the run store " + where() + " (" + e.getMessage() + "); training the run");
            return null;
        }
    }

    /**
     * Claims a run before it trains, so that no other study or process trains the same
     * configuration at the same time: false when the run is finished in the store (by this
     * engine) or a live process holds it. The store keeps its claims' heartbeats fresh until
     * they are put, failed or released, or the store is closed.
     */
    public synchronized boolean claim(RunSpec spec) {
        try {
            boolean won = RunClaims.claim(db, spec.runId(), Trainer.ENGINE_VERSION, ConfigColumns.of(spec));
            if (won) {
                held.add(spec.runId());
            }
            if (won && file != null && heartbeat == null) {
                heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "qatlas-run-store-heartbeat");
                    thread.setDaemon(true); // a claim never keeps the process alive
                    return thread;
                });
                heartbeat.scheduleAtFixedRate(this::beat, RunClaims.HEARTBEAT_EVERY_MS, RunClaims.HEARTBEAT_EVERY_MS,
                        TimeUnit.MILLISECONDS);
            }
            return won;
        } catch (SQLException e) {
            throw new UncheckedIOException("cannot claim run " + spec.runId() + " in " + where() + ": " + e.getMessage(),
                    new IOException(e));
        }
    }

    private synchronized void beat() {
        try {
            RunClaims.beat(db);
        } catch (SQLException e) {
            // A missed heartbeat is retried at the next; only many missed ones let another take the run.
        }
    }

    /** Gives up a claim without an outcome (the study was interrupted): the run may train again. */
    public synchronized void release(String runId) {
        held.remove(runId);
        try {
            RunClaims.release(db, runId);
        } catch (SQLException e) {
            // The claim lapses by itself once this process ends or its heartbeat is old.
        }
    }

    /**
     * Keeps a run that stopped without finishing (its configuration, the step and the reason),
     * and gives up its claim.
     *
     * @throws UncheckedIOException when the store's file cannot be written; the failure is kept
     *     in this store's memory all the same
     */
    public void fail(RunSpec spec, RunFailure failure) {
        Map<String, Object> provenance = Provenance.of(claimed(spec.runId()), Instant.now(), Parallel.threads());
        write(spec.runId(), RunRow.of(spec.runId(), Trainer.ENGINE_VERSION, "failed", ConfigColumns.of(spec), provenance)
                .failed(failure));
    }

    /** Why the run with this id failed, the last time it was tried; null when it did not fail. */
    public synchronized RunFailure failure(String runId) {
        RunRow row = readRow(runId);
        return row == null || !"failed".equals(row.get("status")) ? null
                : new RunFailure((Long) row.get("failed_step"), (String) row.get("failure"));
    }

    /**
     * What the store says of a run now, or null when it holds no row for it: for a caller that
     * lost a claim to another process and waits for that run to finish or fail.
     */
    public synchronized Status status(String runId) {
        RunRow row = readRow(runId);
        return row == null ? null : Status.valueOf(((String) row.get("status")).toUpperCase());
    }

    /**
     * Keeps a finished run, replacing any row of its id, and gives up its claim; the
     * configuration JSON is the spec's, complete with the data's settings.
     *
     * @throws UncheckedIOException when the store's file cannot be written; the run is kept in
     *     this store's memory all the same
     */
    public void put(RunSpec spec, RunRecord run) {
        write(run.runId(), finishedRow(ConfigColumns.of(spec), run));
    }

    /** {@link #put(RunSpec, RunRecord)} for a caller without the spec: the JSON keeps the data's description only. */
    public void put(RunRecord run) {
        write(run.runId(), finishedRow(ConfigColumns.of(run.config()), run));
    }

    private static RunRow finishedRow(Map<String, Object> config, RunRecord run) {
        long engine = run.provenance().get("engine") instanceof Number n ? n.longValue() : Trainer.ENGINE_VERSION;
        return RunRow.of(run.runId(), engine, "finished", config, run.provenance()).finished(run);
    }

    private synchronized void write(String runId, RunRow row) {
        held.remove(runId);
        try {
            row.owner(Provenance.host(), Provenance.pid(), System.currentTimeMillis()).replace(db);
        } catch (SQLException e) {
            throw new UncheckedIOException("cannot save run " + runId + " in " + where() + ": " + e.getMessage(),
                    new IOException(e));
        }
        if (unavailable != null) {
            throw new UncheckedIOException("cannot save run " + runId + " in " + file + ": " + unavailable,
                    new IOException(unavailable));
        }
    }

    /**
     * The stored runs a filter selects (see {@link RunFilter}: finished runs unless it names a
     * status), oldest first, their configurations rebuilt from the store; a row that is not
     * trusted is left out and reported to {@code warnings}. A run that is not finished shows
     * NaN results, and a failed one its step and reason in its provenance.
     *
     * @throws IllegalArgumentException for a filter name or value that is not one
     */
    public List<RunRecord> list(Map<String, Object> filter, Consumer<String> warnings) {
        List<RunRecord> runs = new ArrayList<>();
        for (RunRow row : trustedRows(filter, warnings)) {
            runs.add(row.record(RunStoreQueries.config(row)));
        }
        return runs;
    }

    /** {@link #list(Map, Consumer)} without warnings. */
    public List<RunRecord> list(Map<String, Object> filter) {
        return list(filter, message -> { });
    }

    /**
     * The columns of the rows a filter selects, as {@link #list} selects them, for tables and CSV:
     * the {@link #listedColumns()}.
     */
    public List<Map<String, Object>> columns(Map<String, Object> filter, Consumer<String> warnings) {
        List<Map<String, Object>> table = new ArrayList<>();
        for (RunRow row : trustedRows(filter, warnings)) {
            Map<String, Object> columns = new LinkedHashMap<>();
            listedColumns().forEach(name -> columns.put(name, row.get(name)));
            table.add(columns);
        }
        return table;
    }

    /** The names of the columns {@link #columns} gives: all but the JSON, the claim and the digest. */
    public static List<String> listedColumns() {
        return RunSchema.COLUMNS.stream().map(RunSchema.Column::name).filter(name -> !List.of("config_json", "curve",
                "diagnostics", "owner_host", "owner_pid", "heartbeat", "digest").contains(name)).toList();
    }

    private synchronized List<RunRow> trustedRows(Map<String, Object> filter, Consumer<String> warnings) {
        RunFilter where = RunFilter.of(filter);
        try {
            List<RunRow> trusted = new ArrayList<>();
            for (RunRow row : RunStoreQueries.select(db, where)) {
                String distrust = row.distrust();
                if (distrust == null) {
                    trusted.add(row);
                } else {
                    warnings.accept("runs: warning: leaving out the stored run " + row.get("run_id") + " (" + distrust + ")");
                }
            }
            return trusted;
        } catch (SQLException e) {
            throw new UncheckedIOException("cannot read the run store " + where() + ": " + e.getMessage(), new IOException(e));
        }
    }

    /** Stops the heartbeat, gives up the claims this process still holds, and closes the database. */
    @Override
    public synchronized void close() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        try {
            for (String runId : held) {
                RunClaims.release(db, runId);
            }
            held.clear();
            db.close();
        } catch (SQLException | RuntimeException e) {
            // closing: nothing is lost that a heartbeat's lapse does not give back
        }
    }

    /** When this process claimed the run, or now when it did not. */
    private Instant claimed(String runId) {
        RunRow row = readRow(runId);
        return row != null && "running".equals(row.get("status")) && row.get("started") instanceof String started
                ? Instant.parse(started) : Instant.now();
    }

    private synchronized RunRow readRow(String runId) {
        try {
            return RunStoreQueries.row(db, runId);
        } catch (SQLException e) {
            throw new UncheckedIOException("cannot read the run store " + where() + ": " + e.getMessage(), new IOException(e));
        }
    }

    private synchronized void importFolder(Path folder) {
        try {
            JsonRunImport.importOnce(db, folder, Provenance.host(), Provenance.pid());
        } catch (SQLException | IOException e) {
            // not recorded as imported: the next store opened on the file tries again
        }
    }

    private String where() {
        return file == null ? "memory" : file.toString();
    }

    private static String reason(Exception e) {
        return e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
                ? fs.getFile() + ": " + fs.getReason() : e.getMessage();
    }
}
