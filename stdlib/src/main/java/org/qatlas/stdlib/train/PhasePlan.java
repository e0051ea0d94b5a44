package org.qatlas.stdlib.train;

import org.qatlas.stdlib.text.NumberText;

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

    /** The most steps a run can have: the trainer keeps one loss per step in an array. */
    public static final long MAX_STEPS = Integer.MAX_VALUE - 8;

    /**
     * Splits {@code steps} by the QAT fraction (0: all FP, 1: all QAT). A fraction strictly
     * between 0 and 1 must leave at least one step to each phase: rounded to none, a run asked
     * for a share of QAT would silently train in full precision only, or the reverse. The
     * fraction is a {@link Budget}'s, which checked that it lies between 0 and 1.
     */
    public static PhasePlan of(long steps, double qatFraction, Schedule schedule, boolean fused) {
        if (steps > MAX_STEPS) {
            throw new IllegalArgumentException("budget: a run of " + steps + " steps is too long (at most " + MAX_STEPS
                    + "); give fewer tokens or a larger batch");
        }
        long qat = Math.round(qatFraction * steps);
        if (qatFraction > 0 && qat == 0 || qatFraction < 1 && qat == steps) {
            throw new IllegalArgumentException("budget: qat_fraction " + NumberText.format(qatFraction) + " of " + steps + " step"
                    + (steps == 1 ? "" : "s") + " leaves no " + (qat == 0 ? "QAT" : "full-precision")
                    + " step; give more tokens, or qat_fraction " + (qat == 0 ? "0" : "1") + " for "
                    + (qat == 0 ? "no QAT" : "QAT throughout"));
        }
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
