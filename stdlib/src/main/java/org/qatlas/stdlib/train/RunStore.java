package org.qatlas.stdlib.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.qatlas.stdlib.backend.cpu.Parallel;
import org.qatlas.stdlib.store.ConfigColumns;
import org.qatlas.stdlib.store.Heartbeat;
import org.qatlas.stdlib.store.JsonRunImport;
import org.qatlas.stdlib.store.RunClaims;
import org.qatlas.stdlib.store.RunDatabase;
import org.qatlas.stdlib.store.RunFilter;
import org.qatlas.stdlib.store.RunRow;
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

    /** Closes the database of a store that was dropped without being closed (one per call, in memory, say). */
    private static final Cleaner CLEANER = Cleaner.create();

    private final Connection db;
    private final Cleaner.Cleanable closing;
    private final Path file;
    /** Why the file could not be opened (runs are then kept in memory), or null. */
    private final String unavailable;
    /**
     * The runs put through this store, with the digest of the row each became: while the row
     * stays as written, the run is answered as it was given (the same object), not rebuilt.
     */
    private final Map<String, Kept> kept = new HashMap<>();
    /** The runs this store claimed and has not yet put, failed or released. */
    private final Set<String> held = new HashSet<>();
    private Heartbeat heartbeat;

    private RunStore(Connection db, Path file, String unavailable) {
        this.db = db;
        this.closing = CLEANER.register(this, new Closer(db));
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
        JsonRunImport.importFolders(db, path, file);
        return new RunStore(db, file, null);
    }

    /** The database file, or null for a store in memory. */
    public Path file() {
        return file;
    }

    /** The folder the database file is in (a study keeps its checkpoints there), or null for a store in memory. */
    public Path folder() {
        return file == null ? null : file.getParent();
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
            Kept given = kept.get(runId);
            return given != null && given.digest().equals(row.get("digest")) ? given.run() : row.record(config);
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
                heartbeat = new Heartbeat(this::beat);
            }
            return won;
        } catch (SQLException e) {
            throw new UncheckedIOException("cannot claim run " + spec.runId() + " in " + where() + ": " + e.getMessage(),
                    new IOException(e));
        }
    }

    /** Whether this store holds the claim of the run with this id (it claimed it and has not put, failed or released it). */
    public synchronized boolean holds(String runId) {
        return held.contains(runId);
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
        // The device is the trainer's to say; a failure reaches the store without it.
        Map<String, Object> provenance = Provenance.of(claimed(spec.runId()), Instant.now(), Parallel.threads(), spec.backend(),
                "not recorded");
        write(RunRow.of(spec.runId(), Trainer.ENGINE_VERSION, "failed", ConfigColumns.of(spec), provenance).failed(failure),
                null);
    }

    /**
     * Why the run with this id failed, the last time it was tried, also while it is tried again;
     * null when it never failed or has finished since.
     */
    public synchronized RunFailure failure(String runId) {
        RunRow row = readRow(runId);
        return row == null || row.get("failure") == null ? null
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
        write(finishedRow(ConfigColumns.of(spec), run), run);
    }

    /**
     * {@link #put(RunSpec, RunRecord)} for a caller without the spec: the configuration JSON is the
     * one the run's claim recorded, or else made from the record's configuration, which keeps the
     * data's description but not its settings.
     */
    public void put(RunRecord run) {
        Map<String, Object> config = ConfigColumns.of(run.config());
        RunRow claimed = readRow(run.runId());
        if (claimed != null && claimed.get("config_json") instanceof String json && ConfigColumns.complete(json)) {
            config.put("config_json", json); // the same run id: the same configuration, with the data's settings
        }
        write(finishedRow(config, run), run);
    }

    private static RunRow finishedRow(Map<String, Object> config, RunRecord run) {
        long engine = run.provenance().get("engine") instanceof Number n ? n.longValue() : Trainer.ENGINE_VERSION;
        return RunRow.of(run.runId(), engine, "finished", config, run.provenance()).finished(run);
    }

    /** Writes the row, replacing the run's; {@code run} is the finished run it holds, or null. */
    private synchronized void write(RunRow row, RunRecord run) {
        String runId = (String) row.get("run_id");
        held.remove(runId);
        kept.remove(runId);
        try {
            row.owner(Provenance.host(), Provenance.pid(), System.currentTimeMillis()).replace(db);
            if (run != null) {
                kept.put(runId, new Kept(run, (String) row.get("digest")));
            }
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
            table.add(RunStoreQueries.listed(row));
        }
        return table;
    }

    /** The names of the columns {@link #columns} gives: all but the JSON, the claim and the digest. */
    public static List<String> listedColumns() {
        return RunStoreQueries.LISTED;
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
            heartbeat.close();
        }
        try {
            for (String runId : held) {
                RunClaims.release(db, runId);
            }
            held.clear();
        } catch (SQLException | RuntimeException e) {
            // closing: nothing is lost that a heartbeat's lapse does not give back
        }
        closing.clean();
    }

    /** A run as it was put, and the digest of its row then. */
    private record Kept(RunRecord run, String digest) {
    }

    /** Closes a connection; holds nothing of the store, so that the store can be collected. */
    private record Closer(Connection db) implements Runnable {
        @Override
        public void run() {
            try {
                db.close();
            } catch (SQLException e) {
                // nothing more can be done with it
            }
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

    private String where() {
        return file == null ? "memory" : file.toString();
    }

    private static String reason(Exception e) {
        return e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
                ? fs.getFile() + ": " + fs.getReason() : e.getMessage();
    }
}
