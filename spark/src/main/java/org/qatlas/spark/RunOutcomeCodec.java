package org.qatlas.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;

/**
 * A run's outcome as JSON text, the form in which it travels from an executor back to the
 * driver: plain text does not tie the two to the same build of every class, and says what it
 * holds when read in a log.
 *
 * <pre>{@code
 * {"run_id": "3fa2...", "warnings": [],
 *  "record": {"loss": 2.71, "eval_loss": NaN, "curve": [{"step": 1, "tokens": 2048, "loss": 5.5, "lr": 3.0E-4, "phase": "fp"}, ...],
 *             "tokens": 200704, "steps": 98, "seconds": 4.2, "tokens_per_second": 47787.0, "gflops": 1.2, "mfu": 0.03,
 *             "diagnostics": {"kurtosis": {...}, ...}, "provenance": {"host": "worker-3", "pid": 4121, ...}}}
 * {"run_id": "3fa2...", "warnings": [], "failure": {"step": 3, "reason": "train: the loss became nan at step 3 ..."}}
 * }</pre>
 *
 * The run's configuration is not sent back: the driver holds the spec it sent and gives the
 * record its configuration from it. The provenance is the executor's: the machine and process
 * that trained the run. Numbers keep their full precision (a double is written with
 * as many digits as it needs to be read back exactly) and their type (whole numbers read back
 * as longs); a loss that is not a number is written as NaN, which JSON itself has no word for.
 */
final class RunOutcomeCodec {
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();

    private RunOutcomeCodec() {
    }

    static String write(RunOutcome outcome) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("run_id", outcome.runId());
        tree.put("warnings", outcome.warnings());
        if (outcome.record() != null) {
            RunRecord run = outcome.record();
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("loss", run.loss());
            record.put("eval_loss", run.evalLoss());
            record.put("curve", run.curve());
            record.put("tokens", run.tokens());
            record.put("steps", run.steps());
            record.put("seconds", run.seconds());
            record.put("tokens_per_second", run.tokensPerSecond());
            record.put("gflops", run.gflops());
            record.put("mfu", run.mfu());
            record.put("diagnostics", run.diagnostics());
            record.put("provenance", run.provenance());
            tree.put("record", record);
        } else {
            tree.put("failure", Map.of("step", outcome.failure().step(), "reason", outcome.failure().reason()));
        }
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run's outcome holds only numbers, text, lists and maps, and always writes", e);
        }
    }

    /**
     * The outcome the text describes, a record given the configuration of {@code spec}.
     *
     * @throws IllegalArgumentException for text that is not an outcome, or one of another run
     */
    static RunOutcome read(String json, RunSpec spec) {
        Map<String, Object> tree = parse(json);
        String runId = (String) tree.get("run_id");
        if (runId == null || runId.isEmpty()) {
            runId = spec.runId(); // a configuration the executor could not read: a failure, known by the id sent
        } else if (!spec.runId().equals(runId)) {
            throw new IllegalArgumentException("the executor trained run " + runId + " for run " + spec.runId()
                    + ": it read the configuration differently (a corpus whose contents differ on that machine?)");
        }
        List<String> warnings = list(tree.get("warnings"));
        if (tree.get("failure") instanceof Map<?, ?> failure) {
            return RunOutcome.failed(runId, new RunFailure(number(failure.get("step")).longValue(), (String) failure.get("reason")),
                    warnings);
        }
        Map<?, ?> record = (Map<?, ?>) tree.get("record");
        return RunOutcome.finished(new RunRecord(runId, real(record.get("loss")), real(record.get("eval_loss")),
                list(record.get("curve")), number(record.get("tokens")).longValue(), number(record.get("steps")).longValue(),
                real(record.get("seconds")), real(record.get("tokens_per_second")), real(record.get("gflops")),
                real(record.get("mfu")), spec.config(), map(record.get("diagnostics")), map(record.get("provenance"))), warnings);
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a run's outcome: " + e.getOriginalMessage(), e);
        }
    }

    private static Number number(Object value) {
        return (Number) value;
    }

    private static double real(Object value) {
        return ((Number) value).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object value) {
        return (List<T>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
