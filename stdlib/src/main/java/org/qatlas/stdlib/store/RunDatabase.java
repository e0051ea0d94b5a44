package org.qatlas.stdlib.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Opens the SQLite file of a run store, or an in-memory one: checks that a file is a Qatlas run
 * store (SQLite's application_id and user_version) or makes an empty one, and sets it up to be
 * shared. Several processes (two {@code qat run}, a REPL, a cluster's driver) use one file at once:
 * the write-ahead log lets readers go on while one writes, and a busy timeout makes a writer
 * wait for another's transaction instead of failing.
 */
public final class RunDatabase {
    /** The file a folder's store is kept in. */
    public static final String FILE_NAME = "runs.db";
    /** How long a write waits for another process's transaction (which takes milliseconds). */
    static final int BUSY_TIMEOUT_MS = 30_000;

    private RunDatabase() {
    }

    /**
     * The database file {@code given} names: a folder's {@value #FILE_NAME}, or a file. A path that
     * does not exist yet is a file when its name has an extension ({@code runs.db},
     * {@code study.sqlite}) and a folder otherwise, as the JSON run folders were.
     */
    public static Path file(Path given) {
        Path path = given.toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            return path.resolve(FILE_NAME);
        }
        if (Files.exists(path) || path.getFileName() != null && path.getFileName().toString().contains(".")) {
            return path;
        }
        return path.resolve(FILE_NAME);
    }

    /**
     * Opens the store in {@code file}, making an empty one where there is none.
     *
     * @throws IllegalArgumentException naming the file when it is not a Qatlas run store, or one of
     *     a newer layout than this version reads
     * @throws SQLException or IOException when it cannot be opened or created (no permission, a
     *     folder that cannot be made): the caller keeps runs in memory and warns
     */
    public static Connection open(Path file) throws SQLException, IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        Connection connection = config.createConnection("jdbc:sqlite:" + file);
        try {
            prepare(connection, file);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode = WAL");
                statement.execute("PRAGMA synchronous = NORMAL"); // durable at each checkpoint; safe in WAL mode
            }
            return connection;
        } catch (SQLException e) {
            connection.close();
            if (refused(e)) {
                throw new IllegalArgumentException(notAStore(file, "it is not an SQLite database, or it is damaged ("
                        + e.getMessage() + ")"), e);
            }
            throw e;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** An empty store in memory, for one process (a context without a store file). */
    public static Connection inMemory() {
        try {
            Connection connection = new SQLiteConfig().createConnection("jdbc:sqlite::memory:");
            prepare(connection, null);
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("SQLite cannot make a database in memory: " + e.getMessage(), e);
        }
    }

    /**
     * Checks the file's identity, and makes the tables of an empty file in one transaction:
     * two processes that open a new file at once make them once.
     */
    private static void prepare(Connection connection, Path file) throws SQLException {
        if (identity(connection, file)) {
            if (pragma(connection, "user_version") < RunSchema.VERSION) {
                migrate(connection);
            }
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                if (!identity(connection, file)) {
                    for (String create : RunSchema.create()) {
                        statement.execute(create);
                    }
                    describeColumns(connection);
                    statement.execute("PRAGMA application_id = " + RunSchema.APPLICATION_ID);
                    statement.execute("PRAGMA user_version = " + RunSchema.VERSION);
                }
                statement.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                statement.execute("ROLLBACK");
                throw e;
            }
        }
    }

    /**
     * Brings a layout 1 store to this layout, once: the version is read again inside the
     * transaction, so of two processes opening the same old file only the first migrates.
     */
    private static void migrate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                if (pragma(connection, "user_version") == 1) {
                    for (String change : RunSchema.migrateFrom1()) {
                        statement.execute(change);
                    }
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT OR REPLACE INTO columns (name, meaning) VALUES (?, ?)")) {
                        for (String name : RunSchema.ADDED_IN_2) {
                            insert.setString(1, name);
                            insert.setString(2, RunSchema.column(name).comment());
                            insert.executeUpdate();
                        }
                    }
                    statement.execute("PRAGMA user_version = " + RunSchema.VERSION);
                }
                statement.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                statement.execute("ROLLBACK");
                throw e;
            }
        }
    }

    /**
     * True for a Qatlas store this version reads, false for an empty file.
     *
     * @throws IllegalArgumentException for anything else
     */
    private static boolean identity(Connection connection, Path file) throws SQLException {
        int application = pragma(connection, "application_id");
        int version = pragma(connection, "user_version");
        if (application == RunSchema.APPLICATION_ID) {
            if (version > RunSchema.VERSION) {
                throw new IllegalArgumentException(notAStore(file, "it was written by a newer Qatlas (layout " + version
                        + "; this version reads up to " + RunSchema.VERSION + ")"));
            }
            return true;
        }
        int tables;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
            tables = rows.getInt(1);
        }
        if (application == 0 && version == 0 && tables == 0) {
            return false;
        }
        throw new IllegalArgumentException(notAStore(file, "it is an SQLite database of another program (application_id "
                + application + ", user_version " + version + ", " + tables + " tables or indexes)"));
    }

    private static String notAStore(Path file, String why) {
        return "the run store " + file + " is not a Qatlas run store: " + why + "; name another file for the store "
                + "(QAT_RUNS on the command line), or move this one away";
    }

    /** SQLite's answers for a file that is not a database or is damaged: the file is refused, not worked around. */
    private static boolean refused(SQLException e) {
        if (!(e instanceof SQLiteException sqlite)) {
            return false;
        }
        int primary = sqlite.getResultCode().code & 0xff;
        return primary == SQLiteErrorCode.SQLITE_NOTADB.code || primary == SQLiteErrorCode.SQLITE_CORRUPT.code;
    }

    private static int pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
            return rows.getInt(1);
        }
    }

    private static void describeColumns(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO columns (name, meaning) VALUES (?, ?)")) {
            for (RunSchema.Column column : RunSchema.COLUMNS) {
                insert.setString(1, column.name());
                insert.setString(2, column.comment().isEmpty() ? column.group().name().toLowerCase() : column.comment());
                insert.executeUpdate();
            }
        }
    }
}
