package org.qatlas.stdlib.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.qatlas.stdlib.backend.Backends;
import org.qatlas.stdlib.data.Corpus;
import org.qatlas.stdlib.data.SyntheticLanguage;
import org.qatlas.stdlib.data.TokenData;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.quant.FormatValue;
import org.qatlas.stdlib.quant.SchemeValue;
import org.qatlas.stdlib.value.FieldTable;
import org.qatlas.stdlib.value.Fields;
import org.qatlas.stdlib.value.ValueJson;

/**
 * A run's configuration as JSON, complete and readable: what a store keeps beside the run and
 * what an executor of a cluster receives to train it without the script. Every setting is
 * written out, defaults included:
 *
 * <pre>{@code
 * {"model": {"kind": "llama", "layers": 2, ...}, "scheme": {"kind": "quant", "weights": {"kind": "int", ...}, ...},
 *  "budget": {"kind": "budget", "tokens": 1000000, "schedule": {"kind": "cosine", ...}, ...},
 *  "data": {"kind": "corpus", "path": "...", "holdout": 0.05, "seed": 0},
 *  "data_description": "corpus(\"...\", ...)", "seed": 1, "backend": "cpu"}
 * }</pre>
 *
 * Reading a spec makes its data again: a synthetic language is generated from its settings, a
 * corpus is read from its path, which must name the same text wherever the spec is read.
 */
public final class RunSpecCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunSpecCodec() {
    }

    /** The spec as a JSON tree (maps, lists and plain values). */
    public static Map<String, Object> tree(RunSpec spec) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("model", ValueJson.tree(spec.model()));
        tree.put("scheme", ValueJson.tree(spec.scheme()));
        tree.put("budget", ValueJson.tree(spec.budget()));
        tree.put("data", ValueJson.tree(spec.data()));
        tree.put("data_description", spec.data().describe());
        tree.put("seed", spec.seed());
        tree.put("backend", spec.backend());
        return tree;
    }

    /** The spec as JSON text. */
    public static String write(RunSpec spec) {
        try {
            return JSON.writeValueAsString(tree(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run's configuration is plain values and always writes", e);
        }
    }

    /**
     * The spec the text describes, its data made again (a corpus read through {@code files}).
     *
     * @throws IllegalArgumentException for text that is not such a configuration, naming what is wrong
     */
    public static RunSpec read(String json, FileAccess files) {
        Map<String, Object> tree = parse(json);
        Map<String, FieldTable<?>> tables = tables(files);
        return new RunSpec(value(tree, "model", ModelValue.class, tables), value(tree, "scheme", SchemeValue.class, tables),
                value(tree, "budget", Budget.class, tables), value(tree, "data", TokenData.class, tables),
                seed(tree), backend(tree));
    }

    /** The backend the spec names; the reader's standard one for a spec written without (stored before backends existed). */
    private static String backend(Map<String, Object> tree) {
        Object name = tree.get("backend");
        return name == null ? Backends.standardName() : Fields.string("run configuration", "backend", name);
    }

    /**
     * The configuration as {@link RunSpec#config()} gives it (model, scheme and budget values,
     * the data's description, the seed), without making the data: listing stored runs never
     * reads a corpus.
     */
    public static Map<String, Object> config(String json) {
        Map<String, Object> tree = parse(json);
        Map<String, FieldTable<?>> tables = tables(FileAccess.local());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", value(tree, "model", ModelValue.class, tables));
        config.put("scheme", value(tree, "scheme", SchemeValue.class, tables));
        config.put("budget", value(tree, "budget", Budget.class, tables));
        config.put("data", Fields.string("run configuration", "data_description", tree.get("data_description")));
        config.put("seed", seed(tree));
        return config;
    }

    private static long seed(Map<String, Object> tree) {
        return Fields.wholeNumber("run configuration", "seed", ValueJson.read(tree.get("seed"), Map.of()));
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a run configuration (JSON that does not parse: "
                    + e.getOriginalMessage() + ")", e);
        }
    }

    private static <T> T value(Map<String, Object> tree, String name, Class<T> type, Map<String, FieldTable<?>> tables) {
        Object value = ValueJson.read(tree.get(name), tables);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("run configuration: " + name + " must be a " + name + ", not "
                    + Fields.show(value));
        }
        return type.cast(value);
    }

    /** Every kind a run's configuration holds, by name; corpora read through {@code files}. */
    private static Map<String, FieldTable<?>> tables(FileAccess files) {
        List<FieldTable<?>> tables = List.of(ModelValue.TABLE, SchemeValue.TABLE, FormatValue.INT, FormatValue.FP4,
                Budget.TABLE, Schedule.Constant.TABLE, Schedule.Cosine.TABLE, Schedule.Wsd.TABLE, SyntheticLanguage.TABLE,
                Corpus.table(files));
        return tables.stream().collect(Collectors.toMap(FieldTable::kind, t -> t, (a, b) -> a, LinkedHashMap::new));
    }
}
