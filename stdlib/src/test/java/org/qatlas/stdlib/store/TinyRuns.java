package org.qatlas.stdlib.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.qatlas.stdlib.data.SyntheticLanguage;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.quant.FormatValue;
import org.qatlas.stdlib.quant.SchemeValue;
import org.qatlas.stdlib.train.Budget;
import org.qatlas.stdlib.train.CheckpointPlan;
import org.qatlas.stdlib.train.Monitor;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunStore;
import org.qatlas.stdlib.train.Trainer;

/** Tiny runs (a few steps of a one-layer model on a synthetic language) and raw SQL for the store's tests. */
public final class TinyRuns {
    public static final ModelValue ONE_LAYER = new ModelValue(1, 16, 32, 2, 1, 16, 16, false);
    public static final ModelValue TWO_LAYERS = new ModelValue(2, 16, 32, 2, 1, 16, 16, false);
    public static final SyntheticLanguage DATA = SyntheticLanguage.generate(16, 20_000, 2, 1.0, 3, 0.1);
    public static final SchemeValue FP = new SchemeValue(null, null);
    public static final SchemeValue W4A4 = SchemeValue.TABLE.make(Map.of(
            "weights", FormatValue.INT.make(Map.of("bits", 4L, "group", 8L)),
            "acts", FormatValue.INT.make(Map.of("bits", 4L, "group", 8L))));

    private TinyRuns() {
    }

    /** Four steps of batches of 8 windows of 16 tokens, 256 held-out tokens. */
    public static Budget budget() {
        return Budget.DEFAULT.with(4 * 8 * 16, 8, 1e-2).withEvalTokens(256);
    }

    public static RunSpec spec(ModelValue model, SchemeValue scheme, long seed) {
        return new RunSpec(model, scheme, budget(), DATA, seed);
    }

    /** Trains the spec, or answers it from the store. */
    public static RunRecord train(RunSpec spec, RunStore store) {
        return Trainer.train(spec.model(), spec.scheme(), spec.budget(), spec.data(), spec.seed(), CheckpointPlan.NONE,
                Monitor.NONE, store);
    }

    /** The results of {@code template} under another spec's id and configuration: a run without training it. */
    public static RunRecord resultsFor(RunSpec spec, RunRecord template) {
        return new RunRecord(spec.runId(), template.loss(), template.evalLoss(), template.curve(), template.tokens(),
                template.steps(), template.seconds(), template.tokensPerSecond(), template.gflops(), template.mfu(),
                spec.config(), template.diagnostics(), template.provenance());
    }

    /** A connection of its own to a store's file, as another program (or sqlite3) would open it. */
    public static Connection sql(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    /** Runs one statement on the file. */
    public static void execute(Path file, String statement) throws SQLException {
        try (Connection connection = sql(file); Statement sql = connection.createStatement()) {
            sql.executeUpdate(statement);
        }
    }
}
