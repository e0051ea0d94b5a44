package org.qatlas.stdlib.train;

/**
 * How the steps of a run divide into a full-precision phase and a QAT phase, and the
 * learning-rate multiplier at each step (paper B's two pipelines):
 * <ul>
 *   <li>standard: the FP phase runs the whole schedule (warm-up and decay) over its own
 *       steps, then QAT warms up again and decays over its steps;</li>
 *   <li>fused: the FP phase stays at the peak after its warm-up, and the decay of the
 *       schedule happens inside the QAT phase, so the cooldown is spent on QAT.</li>
 * </ul>
 * A run with no FP phase (QAT from the start, as in paper A) or no QAT phase is the schedule
 * over all steps.
 */
public record PhasePlan(long fpSteps, long qatSteps, Schedule schedule, boolean fused) {
    public enum Phase { FP, QAT }

    public PhasePlan {
        if (fpSteps < 0 || qatSteps < 0 || fpSteps + qatSteps == 0) {
            throw new IllegalArgumentException("a run needs at least one step (fp " + fpSteps + ", qat " + qatSteps + ")");
        }
    }

    /** Splits {@code steps} by the QAT fraction (0: all FP, 1: all QAT). */
    public static PhasePlan of(long steps, double qatFraction, Schedule schedule, boolean fused) {
        if (!(qatFraction >= 0 && qatFraction <= 1)) {
            throw new IllegalArgumentException("qat_fraction must be between 0 and 1, not " + qatFraction);
        }
        long qat = Math.round(qatFraction * steps);
        return new PhasePlan(steps - qat, qat, schedule, fused);
    }

    public long steps() {
        return fpSteps + qatSteps;
    }

    public Phase phase(long step) {
        return step < fpSteps ? Phase.FP : Phase.QAT;
    }

    /** The multiplier of the peak learning rate at {@code step} of the whole run. */
    public double lrFactor(long step) {
        if (fpSteps == 0 || qatSteps == 0) {
            return schedule.factor(step, steps());
        }
        if (step < fpSteps) {
            return fused ? schedule.withoutDecay().factor(step, fpSteps) : schedule.factor(step, fpSteps);
        }
        long qatStep = step - fpSteps;
        return fused ? withoutWarmup(schedule).factor(qatStep, qatSteps) : schedule.factor(qatStep, qatSteps);
    }

    /** In the fused pipeline QAT continues at the peak: no second warm-up. */
    private static Schedule withoutWarmup(Schedule schedule) {
        return switch (schedule) {
            case Schedule.Constant c -> new Schedule.Constant(0);
            case Schedule.Cosine c -> new Schedule.Cosine(0, c.floor());
            case Schedule.Wsd w -> new Schedule.Wsd(0, w.cooldown(), w.floor(), w.cosineDecay());
        };
    }
}
