package org.qatlas.stdlib.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.value.FieldTable;
import org.qatlas.stdlib.value.FieldTable.Field;
import org.qatlas.stdlib.value.FieldTable.Type;
import org.qatlas.stdlib.value.Fields;
import org.qatlas.stdlib.value.TableValue;

/**
 * A study engine that lives in a module of its own, as a script names it:
 * {@code spark("spark://head:7077", conf: { "spark.executor.memory": "4g" })}. Naming it
 * loads nothing; {@link #open()} finds the module and starts the engine when a study runs.
 *
 * @param name the engine's provider ("spark")
 * @param master where its runs go, in the engine's own words (a Spark master URL)
 * @param conf the engine's settings by name
 */
public record EngineChoice(String name, String master, Map<String, String> conf) implements TableValue<EngineChoice> {
    private static final Field<EngineChoice, String> MASTER = Field.required("master", Type.STRING, EngineChoice::master)
            .check(m -> !m.isBlank(), "must be a master URL, such as \"local[2]\" or \"spark://host:7077\"");
    private static final Field<EngineChoice, Map<String, String>> CONF = Field.of("conf", (owner, name, value) -> {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(owner + ": conf must be a record of Spark settings, such as "
                    + "{ \"spark.executor.memory\": \"4g\" }, not " + Fields.show(value));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        map.forEach((key, setting) -> settings.put(String.valueOf(key), setting instanceof Double d && d == Math.rint(d)
                ? String.valueOf(d.longValue()) : String.valueOf(setting)));
        return settings;
    }, Map.of(), EngineChoice::conf);

    /** {@code spark(master, conf: {...})}. */
    public static final FieldTable<EngineChoice> SPARK = new FieldTable<>("spark", List.of(MASTER, CONF),
            v -> new EngineChoice("spark", v.get(MASTER), v.get(CONF)));

    public EngineChoice {
        conf = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(conf));
        // A compact constructor assigns the fields after its body, so the table checks the parameters.
        SPARK.check(new FieldTable.Values().with(MASTER, master).with(CONF, conf));
    }

    /**
     * Starts the engine, loading its module.
     *
     * @throws IllegalStateException when the module is not installed or the engine cannot start
     */
    public Engine open() {
        return EngineProviders.open(name, master, conf);
    }

    @Override
    public FieldTable<EngineChoice> table() {
        return SPARK;
    }

    @Override
    public String written() {
        return SPARK.call(this);
    }
}
