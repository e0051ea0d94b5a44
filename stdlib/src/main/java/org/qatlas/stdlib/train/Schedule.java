package org.qatlas.stdlib.train;

/**
 * A learning-rate schedule: the multiplier of the peak learning rate at each step of a phase
 * of {@code steps} steps. Warm-up and cool-down lengths are fractions of the phase.
 */
public sealed interface Schedule {
    /** The multiplier (0 to 1) at {@code step}, counted from 0, of a phase of {@code steps} steps. */
    double factor(long step, long steps);

    /** The same shape without its decay: warm-up, then the peak until the end. */
    Schedule withoutDecay();

    /** A linear warm-up from near 0 to the peak over {@code warmup} of the steps. */
    static double warmupFactor(long step, long steps, double warmup) {
        long warmupSteps = Math.round(warmup * steps);
        return step < warmupSteps ? (step + 1.0) / (warmupSteps + 1.0) : 1.0;
    }

    /** The peak rate throughout. */
    record Constant(double warmup) implements Schedule {
        public Constant {
            checkFraction("warmup", warmup);
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
        public String toString() {
            return "constant(warmup: " + warmup + ")";
        }
    }

    /** Warm-up, then a half cosine from the peak down to {@code floor} times the peak. */
    record Cosine(double warmup, double floor) implements Schedule {
        public Cosine {
            checkFraction("warmup", warmup);
            checkFraction("floor", floor);
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
        public String toString() {
            return "cosine(warmup: " + warmup + ", floor: " + floor + ")";
        }
    }

    /**
     * Warm-up, stable, decay (WSD): warm-up, the peak rate, then a decay over the last
     * {@code cooldown} of the steps to {@code floor} times the peak, linear or cosine.
     */
    record Wsd(double warmup, double cooldown, double floor, boolean cosineDecay) implements Schedule {
        public Wsd {
            checkFraction("warmup", warmup);
            checkFraction("cooldown", cooldown);
            checkFraction("floor", floor);
            if (warmup + cooldown > 1) {
                throw new IllegalArgumentException("wsd: warmup + cooldown must not exceed 1, got " + (warmup + cooldown));
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
        public String toString() {
            return "wsd(warmup: " + warmup + ", cooldown: " + cooldown + ", floor: " + floor + ", decay: "
                    + (cosineDecay ? "\"cosine\"" : "\"linear\"") + ")";
        }
    }

    private static void checkFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a fraction between 0 and 1, not " + value);
        }
    }
}
