package org.qatlas.stdlib.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhasePlanTest {
    private final Schedule wsd = new Schedule.Wsd(0.1, 0.2, 0.0, false);

    @Test
    void splitsStepsByTheQatFraction() {
        PhasePlan plan = PhasePlan.of(1000, 0.3, wsd, false);
        assertEquals(700, plan.fpSteps());
        assertEquals(300, plan.qatSteps());
        assertEquals(PhasePlan.Phase.FP, plan.phase(699));
        assertEquals(PhasePlan.Phase.QAT, plan.phase(700));
    }

    @Test
    void standardPipelineDecaysInFpThenWarmsUpAgainForQat() {
        PhasePlan plan = PhasePlan.of(1000, 0.3, wsd, false);
        assertEquals(0.0, plan.lrFactor(699), 1e-12, "FP ends its own cooldown");
        assertTrue(plan.lrFactor(700) < 0.1, "QAT starts a new warm-up");
        assertEquals(1.0, plan.lrFactor(700 + 30), 1e-12, "QAT reaches the peak after its warm-up");
        assertEquals(0.0, plan.lrFactor(999), 1e-12, "QAT ends with its own cooldown");
    }

    @Test
    void fusedPipelineKeepsFpAtThePeakAndCoolsDownDuringQat() {
        PhasePlan plan = PhasePlan.of(1000, 0.3, wsd, true);
        assertTrue(plan.lrFactor(0) < 0.1, "FP still warms up");
        assertEquals(1.0, plan.lrFactor(699), 0, "FP ends at the peak");
        assertEquals(1.0, plan.lrFactor(700), 0, "QAT continues at the peak");
        assertEquals(1.0, plan.lrFactor(939), 1e-12);
        assertTrue(plan.lrFactor(970) < 1.0 && plan.lrFactor(970) > 0.0);
        assertEquals(0.0, plan.lrFactor(999), 1e-12);
    }

    @Test
    void aSinglePhaseRunsTheScheduleOverAllSteps() {
        PhasePlan allQat = PhasePlan.of(100, 1.0, wsd, false);
        assertEquals(0, allQat.fpSteps());
        assertEquals(wsd.factor(50, 100), allQat.lrFactor(50), 0);
        assertEquals(PhasePlan.Phase.QAT, allQat.phase(0));
        PhasePlan allFp = PhasePlan.of(100, 0.0, wsd, true);
        assertEquals(PhasePlan.Phase.FP, allFp.phase(99));
        assertEquals(wsd.factor(99, 100), allFp.lrFactor(99), 0);
    }

    @Test
    void rejectsImpossibleSplits() {
        assertThrows(IllegalArgumentException.class, () -> PhasePlan.of(100, 1.5, wsd, false));
        assertThrows(IllegalArgumentException.class, () -> PhasePlan.of(0, 0.5, wsd, false));
    }

    @Test
    void aShareOfQatMustLeaveEachPhaseAStep() {
        // Rounded to no step, the run would be all FP (or all QAT) while the budget asked for both.
        assertEquals("budget: qat_fraction 0.001 of 100 steps leaves no QAT step; give more tokens, or qat_fraction 0 for no QAT",
                assertThrows(IllegalArgumentException.class, () -> PhasePlan.of(100, 0.001, wsd, false)).getMessage());
        assertEquals("budget: qat_fraction 0.999 of 100 steps leaves no full-precision step; give more tokens, "
                + "or qat_fraction 1 for QAT throughout",
                assertThrows(IllegalArgumentException.class, () -> PhasePlan.of(100, 0.999, wsd, false)).getMessage());
        assertEquals(1, PhasePlan.of(100, 0.005, wsd, false).qatSteps());
        assertEquals("budget: a run of 3000000000 steps is too long (at most 2147483639); give fewer tokens or a larger batch",
                assertThrows(IllegalArgumentException.class, () -> PhasePlan.of(3_000_000_000L, 1, wsd, false)).getMessage());
    }
}
