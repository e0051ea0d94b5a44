package org.qatlas.stdlib.train;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.qatlas.stdlib.value.FieldTable;
import org.qatlas.stdlib.value.FieldTable.Computed;
import org.qatlas.stdlib.value.TableValue;

/**
 * What {@code train(...)} returns: the losses (paper A's delta is the difference of two runs'
 * smoothed final losses), the loss curve, throughput, the full configuration, quantization
 * diagnostics, the id under which the run is stored, and its provenance (where, when and by
 * what code it was trained; see {@link Provenance}).
 *
 * @param config the model, scheme and budget values, the data's description and the seed, as
 *     scripts read them ({@code run.config.scheme})
 * @param provenance the keys of {@link Provenance#KEYS}; empty for a run that never trained here
 *     (one imported from an older store, which did not record it)
 */
public record RunRecord(String runId, double loss, double evalLoss, List<Map<String, Object>> curve, long tokens, long steps,
        double seconds, double tokensPerSecond, double gflops, double mfu, Map<String, Object> config,
        Map<String, Object> diagnostics, Map<String, Object> provenance) implements TableValue<RunRecord> {

    /**
     * A run's fields, all of them read-only: a run is a record of what happened. There is no
     * built-in that makes one, so the table has no settings, only fields computed from the record.
     */
    public static final FieldTable<RunRecord> TABLE = new FieldTable<RunRecord>("run", List.of(), values -> {
        throw new IllegalArgumentException("a run is made by train, not by a call");
    }).computing(List.of(shown("run_id", RunRecord::runId), shown("loss", RunRecord::loss),
            shown("eval_loss", r -> Double.isNaN(r.evalLoss) ? null : r.evalLoss), // nothing held out: none
            shown("curve", RunRecord::curve), shown("tokens", RunRecord::tokens), shown("steps", RunRecord::steps),
            shown("seconds", RunRecord::seconds), shown("tokens_per_second", RunRecord::tokensPerSecond),
            shown("gflops", RunRecord::gflops), shown("mfu", RunRecord::mfu), shown("config", RunRecord::config),
            shown("diagnostics", RunRecord::diagnostics), shown("provenance", RunRecord::provenance)));

    public RunRecord {
        provenance = provenance == null ? Map.of() : provenance;
    }

    /** A run without provenance: one made by hand rather than trained here (tests, displays). */
    public RunRecord(String runId, double loss, double evalLoss, List<Map<String, Object>> curve, long tokens, long steps,
            double seconds, double tokensPerSecond, double gflops, double mfu, Map<String, Object> config,
            Map<String, Object> diagnostics) {
        this(runId, loss, evalLoss, curve, tokens, steps, seconds, tokensPerSecond, gflops, mfu, config, diagnostics, Map.of());
    }

    private static Computed<RunRecord> shown(String name, Function<RunRecord, Object> getter) {
        return Computed.of(name, getter);
    }

    @Override
    public FieldTable<RunRecord> table() {
        return TABLE;
    }

    @Override
    public RunRecord with(Map<String, Object> changes) {
        throw new IllegalArgumentException("a run is a record of what happened and cannot be changed; train again instead");
    }

    @Override
    public String written() {
        return String.format("run(%s: loss %.4f, eval_loss %s, %d steps, %.0f tokens/s)", runId, loss,
                Double.isNaN(evalLoss) ? "none" : String.format("%.4f", evalLoss), steps, tokensPerSecond);
    }
}
