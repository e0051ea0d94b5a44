package org.qatlas.stdlib.train;

import java.util.List;
import java.util.function.Function;
import org.qatlas.stdlib.text.NumberText;
import org.qatlas.stdlib.value.FieldTable;
import org.qatlas.stdlib.value.FieldTable.Field;
import org.qatlas.stdlib.value.FieldTable.Type;
import org.qatlas.stdlib.value.FieldValue;
import org.qatlas.stdlib.value.TableValue;

/**
 * A learning-rate schedule: the multiplier of the peak learning rate at each step of a phase
 * of {@code steps} steps. Warm-up and cool-down lengths are fractions of the phase.
 */
public sealed interface Schedule extends FieldValue {
    /** The multiplier (0 to 1) at {@code step}, counted from 0, of a phase of {@code steps} steps. */
    double factor(long step, long steps);

    /** The same shape without its decay: warm-up, then the peak until the end. */
    Schedule withoutDecay();

    /** A fraction of the steps, or of the peak rate: between 0 and 1. */
    private static <T> Field<T, Double> fraction(String name, double fallback, Function<T, Double> getter) {
        return Field.of(name, Type.NUMBER, fallback, getter).check(f -> f >= 0 && f <= 1, "must be a fraction between 0 and 1");
    }

    /** A linear warm-up from near 0 to the peak over {@code warmup} of the steps. */
    static double warmupFactor(long step, long steps, double warmup) {
        long warmupSteps = Math.round(warmup * steps);
        return step < warmupSteps ? (step + 1.0) / (warmupSteps + 1.0) : 1.0;
    }

    /** The peak rate throughout. */
    record Constant(double warmup) implements Schedule, TableValue<Constant> {
        static final Field<Constant, Double> WARMUP = fraction("warmup", 0.0, Constant::warmup);
        public static final FieldTable<Constant> TABLE = new FieldTable<>("constant", List.of(WARMUP),
                v -> new Constant(v.get(WARMUP)));

        public Constant(double warmup) {
            this.warmup = warmup;
            TABLE.check(this);
        }

        @Override
        public FieldTable<Constant> table() {
            return TABLE;
        }

        @Override
        public double factor(long step, long steps) {
            return warmupFactor(step, steps, warmup);
        }

        @Override
        public Schedule withoutDecay() {
            return this;
        }

    }

    /** Warm-up, then a half cosine from the peak down to {@code floor} times the peak. */
    record Cosine(double warmup, double floor) implements Schedule, TableValue<Cosine> {
        static final Field<Cosine, Double> WARMUP = fraction("warmup", 0.05, Cosine::warmup);
        static final Field<Cosine, Double> FLOOR = fraction("floor", 0.1, Cosine::floor);
        public static final FieldTable<Cosine> TABLE = new FieldTable<>("cosine", List.of(WARMUP, FLOOR),
                v -> new Cosine(v.get(WARMUP), v.get(FLOOR)));

        public Cosine(double warmup, double floor) {
            this.warmup = warmup;
            this.floor = floor;
            TABLE.check(this);
        }

        @Override
        public FieldTable<Cosine> table() {
            return TABLE;
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

    }

    /**
     * Warm-up, stable, decay (WSD): warm-up, the peak rate, then a decay over the last
     * {@code cooldown} of the steps to {@code floor} times the peak, linear or cosine.
     */
    record Wsd(double warmup, double cooldown, double floor, boolean cosineDecay) implements Schedule, TableValue<Wsd> {
        static final Field<Wsd, Double> WARMUP = fraction("warmup", 0.05, Wsd::warmup);
        static final Field<Wsd, Double> COOLDOWN = fraction("cooldown", 0.2, Wsd::cooldown);
        static final Field<Wsd, Double> FLOOR = fraction("floor", 0.0, Wsd::floor);
        /** The decay's shape, "linear" or "cosine": true for cosine. */
        static final Field<Wsd, Boolean> DECAY = Field.of("decay", new Type<Boolean>() {
            @Override
            public Boolean read(String owner, String name, Object value) {
                String decay = Type.STRING.read(owner, name, value);
                if (!decay.equals("linear") && !decay.equals("cosine")) {
                    throw new IllegalArgumentException(owner + ": decay must be \"linear\" or \"cosine\", not \"" + decay + "\"");
                }
                return decay.equals("cosine");
            }

            @Override
            public Object show(Boolean cosine) {
                return cosine ? "cosine" : "linear";
            }
        }, false, Wsd::cosineDecay);
        public static final FieldTable<Wsd> TABLE = new FieldTable<>("wsd", List.of(WARMUP, COOLDOWN, FLOOR, DECAY),
                v -> new Wsd(v.get(WARMUP), v.get(COOLDOWN), v.get(FLOOR), v.get(DECAY)));

        public Wsd(double warmup, double cooldown, double floor, boolean cosineDecay) {
            this.warmup = warmup;
            this.cooldown = cooldown;
            this.floor = floor;
            this.cosineDecay = cosineDecay;
            TABLE.check(this);
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
        public FieldTable<Wsd> table() {
            return TABLE;
        }
    }
}
