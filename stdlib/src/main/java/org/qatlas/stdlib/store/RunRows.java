package org.qatlas.stdlib.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.qatlas.stdlib.train.RunRecord;

/**
 * A run as one flat row of a table (CSV, TSV, a fit's rows): its results, then its
 * configuration in the columns the store keeps and studies filter on (model, scheme and budget
 * as text, layers, hidden, nonembed_params, weight_bits, weight_group, tokens, lr, seed, ...).
 * Curves, diagnostics and provenance stay in the run; a table cell holds one value.
 */
public final class RunRows {
    private RunRows() {
    }

    public static Map<String, Object> of(RunRecord run) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("run_id", run.runId());
        row.put("loss", run.loss());
        row.put("eval_loss", Double.isNaN(run.evalLoss()) ? null : run.evalLoss());
        row.put("steps", run.steps());
        row.put("seconds", run.seconds());
        row.put("tokens_per_second", run.tokensPerSecond());
        row.put("gflops", run.gflops());
        row.put("mfu", run.mfu());
        Map<String, Object> columns = ConfigColumns.of(run.config());
        columns.remove("config_json");
        columns.remove("config_source");
        row.putAll(columns);
        return row;
    }
}
