package org.qatlas.stdlib.store;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The table of a run store, one row per run id. Its columns come in groups: what the row is
 * (run id, engine version, status), the configuration (as text, as JSON, and the columns studies
 * filter on), the results, the provenance, the failure, the claim, and a digest of the content
 * that finds an edited or damaged row.
 */
public final class RunSchema {
    /** SQLite's application_id of a Qatlas run store: "QATL". A file with another is not ours. */
    public static final int APPLICATION_ID = 0x5141544C;
    /**
     * SQLite's user_version: the layout of the tables below. Raise it, with a migration, when they
     * change. Layout 2 added the provenance columns backend and device ({@link #ADDED_IN_2}).
     */
    public static final int VERSION = 2;

    /** The type a column holds, which is also how it is read back. */
    public enum Type { TEXT, INTEGER, REAL }

    /** What a column is for. */
    public enum Group { IDENTITY, CONFIG, SEARCH, RESULT, PROVENANCE, FAILURE, CLAIM, DIGEST }

    /**
     * One column.
     *
     * @param digested whether the row's digest covers it: everything but the status, the claim and
     *     the digest itself, which change without the run changing
     */
    public record Column(String name, Type type, Group group, String comment) {
        boolean digested() {
            return group != Group.CLAIM && group != Group.DIGEST && !name.equals("status");
        }
    }

    private static Column column(String name, Type type, Group group, String comment) {
        return new Column(name, type, group, comment);
    }

    /** Every column, in the table's order. */
    public static final List<Column> COLUMNS = List.of(
            column("run_id", Type.TEXT, Group.IDENTITY, "a hash of the configuration (RunSpec.runId)"),
            column("engine", Type.INTEGER, Group.IDENTITY, "Trainer.ENGINE_VERSION of the code that trained it"),
            column("status", Type.TEXT, Group.IDENTITY, "running, finished or failed"),
            column("config", Type.TEXT, Group.CONFIG, "the whole configuration as a script writes it"),
            column("config_json", Type.TEXT, Group.CONFIG, "the whole configuration as RunSpecCodec writes it; "
                    + "null only for a run imported from a JSON run file"),
            column("config_source", Type.TEXT, Group.CONFIG, "'trained', or which JSON run file it was imported from "
                    + "(whose configuration exists only as the text it kept)"),
            column("model", Type.TEXT, Group.SEARCH, "llama(...) with every setting"),
            column("scheme", Type.TEXT, Group.SEARCH, "quant(...) as the shortest call"),
            column("budget", Type.TEXT, Group.SEARCH, "budget(...) as the shortest call"),
            column("data", Type.TEXT, Group.SEARCH, "the data's description"),
            column("seed", Type.INTEGER, Group.SEARCH, ""),
            column("layers", Type.INTEGER, Group.SEARCH, ""),
            column("hidden", Type.INTEGER, Group.SEARCH, ""),
            column("ffn", Type.INTEGER, Group.SEARCH, ""),
            column("heads", Type.INTEGER, Group.SEARCH, ""),
            column("kv_heads", Type.INTEGER, Group.SEARCH, ""),
            column("seq", Type.INTEGER, Group.SEARCH, ""),
            column("vocab", Type.INTEGER, Group.SEARCH, ""),
            column("nonembed_params", Type.INTEGER, Group.SEARCH, "N of the scaling laws"),
            column("params", Type.INTEGER, Group.SEARCH, "all parameters"),
            column("weight_format", Type.TEXT, Group.SEARCH, "the default weight format, int(4, group: 32) or none"),
            column("act_format", Type.TEXT, Group.SEARCH, "the default layer-input format"),
            column("weight_bits", Type.INTEGER, Group.SEARCH, "32 for full precision (float32)"),
            column("act_bits", Type.INTEGER, Group.SEARCH, "32 for full precision (float32)"),
            column("weight_group", Type.INTEGER, Group.SEARCH, "0 when the format has no group"),
            column("act_group", Type.INTEGER, Group.SEARCH, "0 when the format has no group"),
            column("overrides", Type.TEXT, Group.SEARCH, "the overrides by layer pattern, { } when none"),
            column("tokens", Type.INTEGER, Group.SEARCH, "the budget's tokens"),
            column("batch", Type.INTEGER, Group.SEARCH, ""),
            column("lr", Type.REAL, Group.SEARCH, ""),
            column("schedule", Type.TEXT, Group.SEARCH, ""),
            column("qat_fraction", Type.REAL, Group.SEARCH, ""),
            column("fuse_cooldown", Type.INTEGER, Group.SEARCH, "1 for true, 0 for false"),
            column("loss", Type.REAL, Group.RESULT, "the smoothed final training loss"),
            column("eval_loss", Type.REAL, Group.RESULT, "null when the data holds nothing out"),
            column("trained_tokens", Type.INTEGER, Group.RESULT, "steps x batch x seq"),
            column("steps", Type.INTEGER, Group.RESULT, ""),
            column("seconds", Type.REAL, Group.RESULT, ""),
            column("tokens_per_second", Type.REAL, Group.RESULT, ""),
            column("gflops", Type.REAL, Group.RESULT, ""),
            column("mfu", Type.REAL, Group.RESULT, ""),
            column("curve", Type.TEXT, Group.RESULT, "JSON: the loss curve"),
            column("diagnostics", Type.TEXT, Group.RESULT, "JSON: kurtosis, outlier ratios, quantization errors"),
            column("qatlas_version", Type.TEXT, Group.PROVENANCE, ""),
            column("git_commit", Type.TEXT, Group.PROVENANCE, "'unknown' when not built in a checkout"),
            column("java", Type.TEXT, Group.PROVENANCE, ""),
            column("openblas_core", Type.TEXT, Group.PROVENANCE, ""),
            column("threads", Type.INTEGER, Group.PROVENANCE, ""),
            column("backend", Type.TEXT, Group.PROVENANCE, "what computed it: cpu, nd4j or cuda; null for runs stored before layout 2"),
            column("device", Type.TEXT, Group.PROVENANCE, "where the backend ran: a CPU's kernels or a GPU's name"),
            column("host", Type.TEXT, Group.PROVENANCE, "the machine that trained it"),
            column("pid", Type.INTEGER, Group.PROVENANCE, ""),
            column("started", Type.TEXT, Group.PROVENANCE, "ISO-8601, UTC"),
            column("ended", Type.TEXT, Group.PROVENANCE, "ISO-8601, UTC"),
            column("failed_step", Type.INTEGER, Group.FAILURE, "the step a failed run stopped at (0: before training)"),
            column("failure", Type.TEXT, Group.FAILURE, "why it failed"),
            column("owner_host", Type.TEXT, Group.CLAIM, "the machine of the process that last claimed or wrote it"),
            column("owner_pid", Type.INTEGER, Group.CLAIM, ""),
            column("heartbeat", Type.INTEGER, Group.CLAIM, "when the owner last said it was alive, ms since 1970"),
            column("digest", Type.TEXT, Group.DIGEST, "SHA-256 of the other columns but status and the claim"));

    /**
     * The columns layout 2 added to layout 1's table. Rows written before have them null, and a
     * null in them is left out of the digest, so those rows keep the digest they were written with.
     */
    public static final List<String> ADDED_IN_2 = List.of("backend", "device");

    private RunSchema() {
    }

    /** The statements that bring a layout 1 store to layout 2 (inside one transaction). */
    static List<String> migrateFrom1() {
        return ADDED_IN_2.stream().map(name -> "ALTER TABLE runs ADD COLUMN " + name + " " + column(name).type()).toList();
    }

    /** The column called {@code name}, or null. */
    public static Column column(String name) {
        return COLUMNS.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** The columns of some groups, in the table's order. */
    public static List<Column> of(Group... groups) {
        List<Group> wanted = List.of(groups);
        return COLUMNS.stream().filter(c -> wanted.contains(c.group())).toList();
    }

    /** The statements that make an empty store. */
    static List<String> create() {
        String columns = COLUMNS.stream().map(c -> "  " + c.name() + " " + c.type()
                + (c.name().equals("run_id") ? " PRIMARY KEY" : "")
                + (c.group() == Group.IDENTITY && !c.name().equals("run_id") ? " NOT NULL" : "")
                + (c.name().equals("config") || c.name().equals("config_source") ? " NOT NULL" : ""))
                .collect(Collectors.joining(",\n"));
        return List.of(
                "CREATE TABLE runs (\n" + columns + ",\n  CHECK (status IN ('running', 'finished', 'failed')))",
                "CREATE INDEX runs_by_status ON runs (status)",
                // Which JSON run folders were imported, so each is imported once.
                "CREATE TABLE imports (folder TEXT PRIMARY KEY, imported TEXT NOT NULL, runs INTEGER NOT NULL, "
                        + "skipped INTEGER NOT NULL)",
                // What each column means, for someone who opens the file with sqlite3.
                "CREATE TABLE columns (name TEXT PRIMARY KEY, meaning TEXT NOT NULL)");
    }
}
