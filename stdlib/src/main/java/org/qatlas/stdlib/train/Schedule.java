package org.qatlas.stdlib.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.qatlas.stdlib.text.NumberText;
import org.qatlas.stdlib.value.FieldMap;
import org.qatlas.stdlib.value.Fields;

/**
 * A learning-rate schedule: the multiplier of the peak learning rate at each step of a phase
 * of {@code steps} steps. Warm-up and cool-down lengths are fractions of the phase.
 */
public sealed interface Schedule extends FieldMap {
    /** The multiplier (0 to 1) at {@code step}, counted from 0, of a phase of {@code steps} steps. */
    double factor(long step, long steps);

    /** The same shape without its decay: warm-up, then the peak until the end. */
    Schedule withoutDecay();

    @Override
    default Schedule with(Map<String, Object> changes) {
        Map<String, Object> merged = new LinkedHashMap<>(fields());
        Fields.checkNames(kind(), changes, merged.keySet());
        merged.putAll(changes);
        return of(kind(), merged);
    }

    /** Makes a schedule of a kind from its fields, as a script's call or 'with' gives them. */
    static Schedule of(String kind, Map<String, Object> fields) {
        double warmup = Fields.number(kind, "warmup", fields.getOrDefault("warmup", 0.0));
        return switch (kind) {
            case "constant" -> new Constant(warmup);
            case "cosine" -> new Cosine(warmup, Fields.number(kind, "floor", fields.getOrDefault("floor", 0.1)));
            case "wsd" -> {
                String decay = Fields.string(kind, "decay", fields.getOrDefault("decay", "linear"));
                if (!decay.equals("linear") && !decay.equals("cosine")) {
                    throw new IllegalArgumentException("wsd: decay must be \"linear\" or \"cosine\", not \"" + decay + "\"");
                }
                yield new Wsd(warmup, Fields.number(kind, "cooldown", fields.getOrDefault("cooldown", 0.2)),
                        Fields.number(kind, "floor", fields.getOrDefault("floor", 0.0)), decay.equals("cosine"));
            }
            default -> throw new IllegalArgumentException("unknown schedule '" + kind + "'");
        };
    }

    /** A linear warm-up from near 0 to the peak over {@code warmup} of the steps. */
    static double warmupFactor(long step, long steps, double warmup) {
        long warmupSteps = Math.round(warmup * steps);
        return step < warmupSteps ? (step + 1.0) / (warmupSteps + 1.0) : 1.0;
    }

    /** The peak rate throughout. */
    record Constant(double warmup) implements Schedule {
        public Constant {
            checkFraction("constant", "warmup", warmup);
        }

        @Override
        public double factor(long step, long steps) {
            return warmupFactor(step, steps, warmup);
        }

        @Override
        public Schedule withoutDecay() {
            return this;
        }

        @Override
        public String kind() {
            return "constant";
        }

        @Override
        public Map<String, Object> fields() {
            return Map.of("warmup", warmup);
        }
    }

    /** Warm-up, then a half cosine from the peak down to {@code floor} times the peak. */
    record Cosine(double warmup, double floor) implements Schedule {
        public Cosine {
            checkFraction("cosine", "warmup", warmup);
            checkFraction("cosine", "floor", floor);
        }

        @Override
        public double factor(long step, long steps) {
            long warmupSteps = Math.round(warmup * steps);
            if (step < warmupSteps) {
                return warmupFactor(step, steps, warmup);
            }
            double progress = steps - warmupSteps <= 1 ? 1 : (double) (step - warmupSteps) / (steps - warmupSteps - 1);
            return floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
        }

        @Override
        public Schedule withoutDecay() {
            return new Constant(warmup);
        }

        @Override
        public String kind() {
            return "cosine";
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("warmup", warmup);
            fields.put("floor", floor);
            return fields;
        }
    }

    /**
     * Warm-up, stable, decay (WSD): warm-up, the peak rate, then a decay over the last
     * {@code cooldown} of the steps to {@code floor} times the peak, linear or cosine.
     */
    record Wsd(double warmup, double cooldown, double floor, boolean cosineDecay) implements Schedule {
        public Wsd {
            checkFraction("wsd", "warmup", warmup);
            checkFraction("wsd", "cooldown", cooldown);
            checkFraction("wsd", "floor", floor);
            if (warmup + cooldown > 1) {
                throw new IllegalArgumentException("wsd: warmup + cooldown must not exceed 1, got " + NumberText.format(warmup + cooldown));
            }
        }

        @Override
        public double factor(long step, long steps) {
            long cooldownSteps = Math.round(cooldown * steps);
            long decayStart = steps - cooldownSteps;
            if (step < decayStart || cooldownSteps == 0) {
                return warmupFactor(step, steps, warmup);
            }
            double progress = cooldownSteps <= 1 ? 1 : (double) (step - decayStart) / (cooldownSteps - 1);
            double shape = cosineDecay ? 0.5 * (1 + Math.cos(Math.PI * progress)) : 1 - progress;
            return floor + (1 - floor) * shape;
        }

        @Override
        public Schedule withoutDecay() {
            return new Constant(warmup);
        }

        @Override
        public String kind() {
            return "wsd";
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("warmup", warmup);
            fields.put("cooldown", cooldown);
            fields.put("floor", floor);
            fields.put("decay", cosineDecay ? "cosine" : "linear");
            return fields;
        }
    }

    private static void checkFraction(String kind, String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(kind + ": " + name + " must be a fraction between 0 and 1, not " + NumberText.format(value));
        }
    }
}
