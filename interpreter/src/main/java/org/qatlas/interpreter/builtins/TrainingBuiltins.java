package org.qatlas.interpreter.builtins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.text.NumberText;
import org.qatlas.stdlib.train.Budget;
import org.qatlas.stdlib.train.Schedule;

/**
 * The built-ins that describe how a run is trained: {@code budget(...)} and the learning-rate
 * schedules {@code constant(...)}, {@code cosine(...)} and {@code wsd(...)}. Each takes its
 * settings as named arguments; the ones left out take the library's defaults.
 */
final class TrainingBuiltins {
    private TrainingBuiltins() {
    }

    static void install(Builtins builtins) {
        builtins.addLibrary(signature("budget", Budget.defaults()),
                "The compute budget of a run: tokens, batch, peak lr, schedule, the QAT share of the steps "
                        + "(qat_fraction, paper B), fuse_cooldown, and AdamW's settings.",
                arguments -> Budget.of(named(Budget.defaults(), arguments)));
        schedule(builtins, "constant", "The peak learning rate after a linear warm-up (a fraction of the steps).",
                List.of("warmup"), List.of(0.0));
        schedule(builtins, "cosine", "Linear warm-up, then a half cosine down to floor times the peak.",
                List.of("warmup", "floor"), List.of(0.05, 0.1));
        schedule(builtins, "wsd", "Warm-up, stable, decay: the peak until the last cooldown share of the steps, then "
                + "a linear or cosine decay to floor times the peak.",
                List.of("warmup", "cooldown", "floor", "decay"), List.of(0.05, 0.2, 0.0, "linear"));
    }

    private static void schedule(Builtins builtins, String kind, String doc, List<String> names, List<Object> defaults) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            settings.put(names.get(i), defaults.get(i));
        }
        builtins.addLibrary(signature(kind, settings), doc, arguments -> Schedule.of(kind, named(settings, arguments)));
    }

    /**
     * "budget(tokens = 1000000, ..., schedule = none, ...)": every setting is a named
     * parameter; defaults that are not literals show as none and are filled in by the library.
     */
    private static String signature(String name, Map<String, Object> defaults) {
        List<String> parameters = new ArrayList<>();
        defaults.forEach((parameter, value) -> parameters.add(parameter + " = " + literal(value)));
        return name + "(" + String.join(", ", parameters) + ")";
    }

    private static String literal(Object value) {
        if (value instanceof Long l) {
            return NumberText.format(l);
        } else if (value instanceof Double d) {
            return NumberText.format(d);
        } else if (value instanceof Boolean b) {
            return b.toString();
        } else if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        return "none";
    }

    /** The arguments, in the order of {@code defaults}, as a map without the ones left as none. */
    private static Map<String, Object> named(Map<String, Object> defaults, Object[] arguments) {
        Map<String, Object> settings = new LinkedHashMap<>();
        int i = 0;
        for (String name : defaults.keySet()) {
            if (arguments[i] != null) {
                settings.put(name, arguments[i]);
            }
            i++;
        }
        return settings;
    }
}
