package org.qatlas.stdlib.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qatlas.stdlib.model.LlamaConfig;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.quant.FormatValue;
import org.qatlas.stdlib.quant.SchemeValue;
import org.qatlas.stdlib.train.Budget;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunSpecCodec;
import org.qatlas.stdlib.value.ValueJson;

/**
 * The configuration columns of a run's row: the readable text, the JSON, and the columns studies
 * filter on (the model's shape and size, the formats' bits and groups, the budget's tokens,
 * batch and learning rate, the data and the seed).
 */
public final class ConfigColumns {
    /** What {@code config_source} says of a run this store's process trained or was given. */
    static final String TRAINED = "trained";
    /** A full-precision tensor's bits: training computes in float32. */
    static final long FULL_PRECISION_BITS = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigColumns() {
    }

    /**
     * The columns of a spec's configuration, its JSON as {@link RunSpecCodec} writes it (the data's
     * settings included, when the data has a table to write them with).
     */
    public static Map<String, Object> of(RunSpec spec) {
        String json;
        try {
            json = RunSpecCodec.write(spec);
        } catch (IllegalArgumentException noTable) {
            return of(spec.config()); // data made in Java without a table: its description is what there is
        }
        return of(spec.config(), json);
    }

    /**
     * The columns of a configuration as a run record holds it (model, scheme and budget values,
     * the data's description, the seed), for a caller without the spec: its JSON lacks the data's
     * settings, which only the spec has, and keeps the description.
     */
    public static Map<String, Object> of(Map<String, Object> config) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("model", ValueJson.tree(config.get("model")));
        tree.put("scheme", ValueJson.tree(config.get("scheme")));
        tree.put("budget", ValueJson.tree(config.get("budget")));
        tree.put("data_description", config.get("data"));
        tree.put("seed", config.get("seed"));
        try {
            return of(config, JSON.writeValueAsString(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run's configuration is plain values and always writes", e);
        }
    }

    /** Whether a configuration JSON holds the data's settings, as one written from a spec does. */
    public static boolean complete(String json) {
        try {
            return JSON.readTree(json).has("data");
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static Map<String, Object> of(Map<String, Object> config, String json) {
        ModelValue model = (ModelValue) config.get("model");
        SchemeValue scheme = (SchemeValue) config.get("scheme");
        Budget budget = (Budget) config.get("budget");
        String data = String.valueOf(config.get("data"));
        long seed = ((Number) config.get("seed")).longValue();
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("config", "train(" + ConfigText.of(model) + ", " + ConfigText.of(scheme) + ", " + ConfigText.of(budget)
                + ", " + data + ", seed: " + seed + ")");
        columns.put("config_json", json);
        columns.put("config_source", TRAINED);
        columns.put("model", ConfigText.of(model));
        columns.put("scheme", ConfigText.of(scheme));
        columns.put("budget", ConfigText.of(budget));
        columns.put("data", data);
        columns.put("seed", seed);
        columns.putAll(modelColumns(model));
        FormatValue weights = (FormatValue) scheme.field("weights");
        FormatValue acts = (FormatValue) scheme.field("acts");
        columns.put("weight_format", weights == null ? "none" : weights.written());
        columns.put("act_format", acts == null ? "none" : acts.written());
        columns.put("weight_bits", bits(weights));
        columns.put("act_bits", bits(acts));
        columns.put("weight_group", group(weights));
        columns.put("act_group", group(acts));
        columns.put("overrides", ConfigText.of(scheme.field("overrides")));
        columns.put("tokens", budget.tokens());
        columns.put("batch", (long) budget.batch());
        columns.put("lr", budget.lr());
        columns.put("schedule", ConfigText.of(budget.schedule()));
        columns.put("qat_fraction", budget.qatFraction());
        columns.put("fuse_cooldown", budget.fuseCooldown() ? 1L : 0L);
        return columns;
    }

    /** The model's shape and sizes. */
    static Map<String, Object> modelColumns(ModelValue model) {
        LlamaConfig shape = model.config();
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("layers", (long) shape.layers());
        columns.put("hidden", (long) shape.hidden());
        columns.put("ffn", (long) shape.ffn());
        columns.put("heads", (long) shape.heads());
        columns.put("kv_heads", (long) shape.kvHeads());
        columns.put("seq", (long) shape.seq());
        columns.put("vocab", (long) shape.vocab());
        columns.put("nonembed_params", shape.nonEmbeddingParams());
        columns.put("params", shape.totalParams());
        return columns;
    }

    private static long bits(FormatValue format) {
        return format == null ? FULL_PRECISION_BITS : format.format().bits();
    }

    private static long group(FormatValue format) {
        return format == null || format.field("group") == null ? 0 : (Long) format.field("group");
    }
}
