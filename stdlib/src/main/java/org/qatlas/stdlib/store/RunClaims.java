package org.qatlas.stdlib.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.qatlas.stdlib.train.Provenance;

/**
 * Claims on runs, so that no two processes sharing a store train the same configuration at
 * once. A claim is the run's row marked running with its owner (machine, process id) and a
 * heartbeat time that the owner's store keeps fresh ({@link #beat}). A claim whose owner died is
 * taken over: on the same machine when the process no longer runs, anywhere when the heartbeat
 * is older than {@link #STALE_AFTER_MS}. Each claim is decided in one immediate transaction (the
 * database's write lock is taken before the row is read), so two processes never both win.
 *
 * <p>Process ids identify owners only among processes that see the same ids: containers that
 * share a store file should have distinct host names.
 */
public final class RunClaims {
    /** How often a store refreshes its process's claims. */
    public static final long HEARTBEAT_EVERY_MS = 30_000;
    /** A claim not refreshed for this long is taken to be dead: six heartbeats missed. */
    public static final long STALE_AFTER_MS = 180_000;

    private RunClaims() {
    }

    /**
     * Claims the run for this process: true when it may train it, false when it is finished for
     * this engine (and trusted) or a live owner holds it.
     *
     * @param config the run's configuration columns, for a row made by the claim
     */
    public static boolean claim(Connection connection, String runId, long engine, Map<String, Object> config)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                boolean won = claimInTransaction(connection, runId, engine, config);
                statement.execute("COMMIT");
                return won;
            } catch (SQLException | RuntimeException e) {
                statement.execute("ROLLBACK");
                throw e;
            }
        }
    }

    private static boolean claimInTransaction(Connection connection, String runId, long engine, Map<String, Object> config)
            throws SQLException {
        RunRow row = RunStoreQueries.row(connection, runId);
        long now = System.currentTimeMillis();
        if (row == null) {
            Map<String, Object> provenance = Map.of("host", Provenance.host(), "pid", Provenance.pid(),
                    "started", Instant.ofEpochMilli(now).toString());
            RunRow.of(runId, engine, "running", config, provenance).owner(Provenance.host(), Provenance.pid(), now)
                    .replace(connection);
            return true;
        }
        String status = (String) row.get("status");
        if (status.equals("finished") && (Long) row.get("engine") == engine && row.distrust() == null
                || status.equals("running") && alive(row, now)) {
            return false;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE runs SET status = 'running', owner_host = ?, owner_pid = ?, heartbeat = ? WHERE run_id = ?")) {
            update.setString(1, Provenance.host());
            update.setLong(2, Provenance.pid());
            update.setLong(3, now);
            update.setString(4, runId);
            update.executeUpdate();
        }
        return true;
    }

    /**
     * Gives up this process's claim without an outcome: the row goes back to what it was (a
     * finished run of another engine, a failed run) or, when the claim made it, away.
     */
    public static void release(Connection connection, String runId) throws SQLException {
        RunRow row = RunStoreQueries.row(connection, runId);
        if (row == null || !"running".equals(row.get("status")) || !mine(row)) {
            return;
        }
        String sql = row.get("loss") != null ? "UPDATE runs SET status = 'finished' WHERE run_id = ?"
                : row.get("failure") != null ? "UPDATE runs SET status = 'failed' WHERE run_id = ?"
                : "DELETE FROM runs WHERE run_id = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, runId);
            statement.executeUpdate();
        }
    }

    /** Refreshes the heartbeat of every run this process holds in the store. */
    public static void beat(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE runs SET heartbeat = ? WHERE status = 'running' AND owner_host = ? AND owner_pid = ?")) {
            update.setLong(1, System.currentTimeMillis());
            update.setString(2, Provenance.host());
            update.setLong(3, Provenance.pid());
            update.executeUpdate();
        }
    }

    /** Whether this process holds the row's claim. */
    static boolean mine(RunRow row) {
        return Provenance.host().equals(row.get("owner_host")) && Long.valueOf(Provenance.pid()).equals(row.get("owner_pid"));
    }

    /** Whether the row's owner is alive: its heartbeat is fresh, and on this machine its process runs. */
    static boolean alive(RunRow row, long now) {
        if (!(row.get("heartbeat") instanceof Long beat) || now - beat > STALE_AFTER_MS) {
            return false;
        }
        if (Provenance.host().equals(row.get("owner_host"))) {
            return row.get("owner_pid") instanceof Long pid && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        return true;
    }

    /** Whether the run's row is running under a live owner. */
    public static boolean heldByLiveOwner(RunRow row) {
        return "running".equals(row.get("status")) && alive(row, System.currentTimeMillis());
    }
}
