package org.qatlas.stdlib.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.value.FieldValue;

/**
 * What {@code train(...)} returns: the losses (paper A's delta is the difference of two runs'
 * smoothed final losses), the loss curve, throughput, the full configuration, quantization
 * diagnostics, and the id under which the run is stored.
 */
public record RunRecord(String runId, double loss, double evalLoss, List<Map<String, Object>> curve, long tokens, long steps,
        double seconds, double tokensPerSecond, double gflops, double mfu, Map<String, Object> config,
        Map<String, Object> diagnostics) implements FieldValue {

    private static final List<String> FIELDS = List.of("run_id", "loss", "eval_loss", "curve", "tokens", "steps", "seconds",
            "tokens_per_second", "gflops", "mfu", "config", "diagnostics");

    @Override
    public String kind() {
        return "run";
    }

    @Override
    public List<String> fieldNames() {
        return FIELDS;
    }

    @Override
    public Object field(String name) {
        return switch (name) {
            case "run_id" -> runId;
            case "loss" -> loss;
            case "eval_loss" -> Double.isNaN(evalLoss) ? null : evalLoss; // nothing held out
            case "curve" -> curve;
            case "tokens" -> tokens;
            case "steps" -> steps;
            case "seconds" -> seconds;
            case "tokens_per_second" -> tokensPerSecond;
            case "gflops" -> gflops;
            case "mfu" -> mfu;
            case "config" -> config;
            default -> diagnostics;
        };
    }

    @Override
    public FieldValue with(Map<String, Object> changes) {
        throw new IllegalArgumentException("a run is a record of what happened and cannot be changed; train again instead");
    }

    @Override
    public String written() {
        return String.format("run(%s: loss %.4f, eval_loss %s, %d steps, %.0f tokens/s)", runId, loss,
                Double.isNaN(evalLoss) ? "none" : String.format("%.4f", evalLoss), steps, tokensPerSecond);
    }

    /** A copy of the map for callers that add to it. */
    static Map<String, Object> copy(Map<String, Object> map) {
        return new LinkedHashMap<>(map);
    }
}
