package org.qatlas.stdlib.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScheduleTest {
    @Test
    void warmupRisesLinearlyToThePeak() {
        Schedule constant = new Schedule.Constant(0.1);
        assertEquals(1.0 / 11, constant.factor(0, 100), 1e-12);
        assertEquals(10.0 / 11, constant.factor(9, 100), 1e-12);
        assertEquals(1.0, constant.factor(10, 100), 0);
        assertEquals(1.0, constant.factor(99, 100), 0);
    }

    @Test
    void cosineFallsFromPeakToFloorOverTheRest() {
        Schedule cosine = new Schedule.Cosine(0.0, 0.1);
        assertEquals(1.0, cosine.factor(0, 101), 1e-12);
        assertEquals(0.1 + 0.9 * 0.5, cosine.factor(50, 101), 1e-12);
        assertEquals(0.1, cosine.factor(100, 101), 1e-12);
        for (long step = 1; step < 101; step++) {
            assertTrue(cosine.factor(step, 101) <= cosine.factor(step - 1, 101));
        }
    }

    @Test
    void wsdHoldsThePeakThenDecaysOverTheCooldown() {
        Schedule wsd = new Schedule.Wsd(0.0, 0.2, 0.0, false);
        assertEquals(1.0, wsd.factor(0, 100), 0);
        assertEquals(1.0, wsd.factor(79, 100), 0);
        assertEquals(1.0, wsd.factor(80, 100), 1e-12);
        assertEquals(0.0, wsd.factor(99, 100), 1e-12);
        assertEquals(1 - 10.0 / 19, wsd.factor(90, 100), 1e-12);
        Schedule cosineDecay = new Schedule.Wsd(0.0, 0.2, 0.0, true);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 10 / 19)), cosineDecay.factor(90, 100), 1e-12);
    }

    @Test
    void withoutDecayKeepsTheWarmupAndThePeak() {
        Schedule wsd = new Schedule.Wsd(0.05, 0.2, 0.0, false);
        assertEquals(new Schedule.Constant(0.05), wsd.withoutDecay());
        assertEquals(1.0, wsd.withoutDecay().factor(99, 100), 0);
    }

    @Test
    void badFractionsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Schedule.Wsd(0.5, 0.6, 0, false));
        assertEquals("wsd: warmup + cooldown must not exceed 1, got 1.1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Schedule.Cosine(-0.1, 0));
        assertEquals("cosine: floor must be a fraction between 0 and 1, not 9.223372036854776e18",
                assertThrows(IllegalArgumentException.class, () -> new Schedule.Cosine(0, 0x1p63)).getMessage());
        assertEquals("wsd: cooldown must be a fraction between 0 and 1, not nan",
                assertThrows(IllegalArgumentException.class, () -> new Schedule.Wsd(0, Double.NaN, 0, false)).getMessage());
    }
}
