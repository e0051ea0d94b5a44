package org.qatlas.stdlib.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.data.TokenData;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.quant.SchemeValue;
import org.qatlas.stdlib.text.Suggestions;
import org.qatlas.stdlib.train.Budget;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.value.Fields;

/**
 * The configurations of a study, as scripts write them: records that name a run's model,
 * scheme, budget, data and seed, and may set any of the budget's settings directly
 * ({@code tokens: 1M}, {@code lr: 3e-3}). {@link #grid} crosses axes, {@link #zip} pairs them,
 * and {@link #spec} turns one configuration, with the study's defaults, into the run it
 * describes.
 */
public final class StudyPlan {
    /** The parts of a run a configuration names, besides the budget's settings. */
    private static final List<String> PARTS = List.of("model", "scheme", "budget", "data", "seed");

    private StudyPlan() {
    }

    /** Every name a configuration may hold: the run's parts, then the budget's settings. */
    public static List<String> fields() {
        List<String> names = new ArrayList<>(PARTS);
        names.addAll(Budget.TABLE.settings());
        return List.copyOf(names);
    }

    /**
     * The cartesian product of the axes, the first axis outermost: one configuration per
     * combination; no axes, no configuration. An axis given as a list takes each of its values; any other value is the same
     * in every configuration.
     */
    public static List<Map<String, Object>> grid(Map<String, Object> axes) {
        checkNames("grid", axes);
        if (axes.isEmpty()) {
            return List.of(); // no axes, no study (as zip() is empty)
        }
        List<Map<String, Object>> configurations = new ArrayList<>();
        configurations.add(new LinkedHashMap<>());
        for (Map.Entry<String, Object> axis : axes.entrySet()) {
            List<?> values = axis.getValue() instanceof List<?> list ? list : List.of(axis.getValue());
            List<Map<String, Object>> crossed = new ArrayList<>();
            for (Map<String, Object> configuration : configurations) {
                for (Object value : values) {
                    Map<String, Object> extended = new LinkedHashMap<>(configuration);
                    extended.put(axis.getKey(), value);
                    crossed.add(extended);
                }
            }
            configurations = crossed;
        }
        return configurations;
    }

    /**
     * The axes paired: the i-th configuration takes the i-th value of every axis given as a
     * list, which must all be as long; any other value is the same in every configuration.
     */
    public static List<Map<String, Object>> zip(Map<String, Object> axes) {
        checkNames("zip", axes);
        int length = -1;
        String first = null;
        for (Map.Entry<String, Object> axis : axes.entrySet()) {
            if (axis.getValue() instanceof List<?> list) {
                if (length >= 0 && list.size() != length) {
                    throw new IllegalArgumentException("zip: " + axis.getKey() + " has " + list.size() + " values but " + first
                            + " has " + length + "; paired axes must be as long (grid crosses them instead)");
                }
                length = list.size();
                first = axis.getKey();
            }
        }
        List<Map<String, Object>> configurations = new ArrayList<>();
        for (int i = 0; i < Math.max(length, axes.isEmpty() ? 0 : 1); i++) {
            Map<String, Object> configuration = new LinkedHashMap<>();
            for (Map.Entry<String, Object> axis : axes.entrySet()) {
                configuration.put(axis.getKey(), axis.getValue() instanceof List<?> list ? list.get(i) : axis.getValue());
            }
            configurations.add(configuration);
        }
        return configurations;
    }

    /**
     * The run one configuration describes. What it leaves out comes from {@code defaults} (the
     * study's own model, scheme, budget, data and seed, any of them absent): the scheme defaults
     * to full precision, the budget to {@code budget()}, the seed to 0; a model and data must be
     * given somewhere. Budget settings in the configuration change its budget.
     *
     * @param where how errors name the configuration: "train_all: configuration 3"
     */
    public static RunSpec spec(Map<String, Object> configuration, Map<String, Object> defaults, String where) {
        checkNames(where, configuration);
        checkNames(where + " defaults", defaults);
        Map<String, Object> merged = new LinkedHashMap<>(defaults);
        merged.putAll(configuration);
        ModelValue model = part(merged, "model", ModelValue.class, "a model such as llama(layers: 2, hidden: 64)", where);
        SchemeValue scheme = part(merged, "scheme", SchemeValue.class, "a scheme such as quant(weights: int(4))", where);
        Budget budget = part(merged, "budget", Budget.class, "a budget such as budget(tokens: 1M)", where);
        TokenData data = part(merged, "data", TokenData.class, "data such as corpus(\"text/\") or synthetic()", where);
        if (model == null) {
            throw new IllegalArgumentException(where + " has no model: give model: in it, or to the study");
        }
        if (data == null) {
            throw new IllegalArgumentException(where + " has no data: give data: in it, or to the study");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String name : Budget.TABLE.settings()) {
            if (merged.get(name) != null) {
                settings.put(name, merged.get(name));
            }
        }
        try {
            budget = (budget == null ? Budget.DEFAULT : budget).with(settings);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        long seed = merged.get("seed") == null ? 0 : Fields.wholeNumber(where, "seed", merged.get("seed"));
        return new RunSpec(model, scheme == null ? new SchemeValue(null, null) : scheme, budget, data, seed);
    }

    private static <T> T part(Map<String, Object> configuration, String name, Class<T> type, String example, String where) {
        Object value = configuration.get(name);
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        throw new IllegalArgumentException(where + ": " + name + " must be " + example + ", not " + Fields.show(value));
    }

    private static void checkNames(String where, Map<String, Object> configuration) {
        List<String> known = fields();
        for (String name : configuration.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(where + ": a run has no setting '" + name + "'"
                        + Suggestions.didYouMean(name, known) + "; a configuration names model, scheme, budget, data, seed "
                        + "or one of the budget's settings");
            }
        }
    }
}
