package org.qatlas.stdlib.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetTest {
    @Test
    void defaultsFillWhatIsNotGiven() {
        Budget budget = Budget.TABLE.make(Map.of("tokens", 2_000_000L, "lr", 1e-3));
        assertEquals(2_000_000L, budget.tokens());
        assertEquals(16, budget.batch());
        assertEquals(1e-3, budget.lr());
        assertEquals(new Schedule.Cosine(0.05, 0.1), budget.schedule());
        assertEquals(1.0, budget.qatFraction());
        assertEquals(2_000_000L / (16 * 64), budget.steps(64));
    }

    @Test
    void withReplacesFieldsAndChecksThem() {
        Budget budget = Budget.DEFAULT;
        Budget split = budget.with(Map.of("qat_fraction", 0.3, "fuse_cooldown", true,
                "schedule", new Schedule.Wsd(0.05, 0.2, 0, false)));
        assertEquals(0.3, split.qatFraction());
        assertEquals(true, split.fuseCooldown());
        assertEquals("wsd", ((Schedule) split.field("schedule")).kind());
        PhasePlan plan = split.plan(64, true);
        assertEquals(Math.round(0.3 * split.steps(64)), plan.qatSteps());
        assertEquals(0, split.plan(64, false).qatSteps(), "a full-precision run has no QAT phase");

        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> budget.with(Map.of("qat_fraktion", 0.3)));
        assertEquals("budget has no field 'qat_fraktion' (did you mean 'qat_fraction'?); its fields are tokens, batch, lr, schedule, "
                + "qat_fraction, fuse_cooldown, reset_optimizer, beta1, beta2, eps, weight_decay, grad_clip, eval_tokens",
                typo.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> budget.with(Map.of("qat_fraction", 1.5)));
        assertEquals("budget: qat_fraction must be between 0 and 1, not 1.5", range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> budget.with(Map.of("batch", 2.5)));
        assertThrows(IllegalArgumentException.class, () -> budget.with(Map.of("schedule", "cosine")));
    }

    @Test
    void schedulesAreValuesWithFields() {
        Schedule wsd = Schedule.Wsd.TABLE.make(Map.of("cooldown", 0.3));
        assertEquals(new Schedule.Wsd(0.05, 0.3, 0.0, false), wsd);
        assertEquals("linear", wsd.field("decay"));
        assertEquals(new Schedule.Wsd(0.05, 0.3, 0.0, true), wsd.with(Map.of("decay", "cosine")));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> wsd.with(Map.of("decay", "step")));
        assertEquals("wsd: decay must be \"linear\" or \"cosine\", not \"step\"", bad.getMessage());
    }

    @Test
    void eachSettingIsCheckedAndNamed() {
        Budget budget = Budget.DEFAULT;
        assertEquals("budget: eval_tokens must be positive, not 0", message(budget, "eval_tokens", 0L));
        assertEquals("budget: batch must be a positive whole number, not 0", message(budget, "batch", 0L));
        assertEquals("budget: batch must be positive, not 0", assertThrows(IllegalArgumentException.class,
                () -> budget.with(1000, 0, 1e-3)).getMessage());
        assertEquals("budget: lr must be a positive number, not 0", message(budget, "lr", 0L));
        assertEquals("budget: beta1 must be at least 0 and below 1, not 1", message(budget, "beta1", 1L));
        assertEquals("budget: beta2 must be at least 0 and below 1, not -0.1", message(budget, "beta2", -0.1));
        assertEquals("budget: eps must be a positive number, not inf", message(budget, "eps", Double.POSITIVE_INFINITY));
        assertEquals("budget: weight_decay must be a number not below 0, not inf",
                message(budget, "weight_decay", Double.POSITIVE_INFINITY));
        assertEquals("budget: grad_clip must be a number not below 0 (0: no clipping), not -1", message(budget, "grad_clip", -1L));
        assertEquals("budget: lr * weight_decay must be below 1 (each step scales the weights by 1 - lr * weight_decay), "
                + "not 0.5 * 2", assertThrows(IllegalArgumentException.class,
                        () -> budget.with(Map.of("lr", 0.5, "weight_decay", 2L))).getMessage());
        assertEquals(0.0, budget.with(Map.of("grad_clip", 0L)).gradClip(), "0 turns clipping off");
        assertEquals(1L, budget.with(Map.of("eval_tokens", 1L)).evalTokens());
    }

    @Test
    void scheduleFractionsNameTheirSchedule() {
        assertEquals("cosine: warmup must be a fraction between 0 and 1, not 1.5",
                assertThrows(IllegalArgumentException.class, () -> Schedule.Cosine.TABLE.make(Map.of("warmup", 1.5))).getMessage());
        assertEquals("constant: warmup must be a fraction between 0 and 1, not 2",
                assertThrows(IllegalArgumentException.class, () -> new Schedule.Constant(2)).getMessage());
        assertEquals("wsd: floor must be a fraction between 0 and 1, not -1",
                assertThrows(IllegalArgumentException.class, () -> Schedule.Wsd.TABLE.make(Map.of("floor", -1L))).getMessage());
    }

    @Test
    void theTableGivesFieldsWithAndTheCall() {
        assertEquals(Budget.DEFAULT.fields().keySet().stream().toList(), Budget.DEFAULT.fieldNames());
        assertEquals("budget(tokens: 2000000, qat_fraction: 0.3)",
                Budget.TABLE.call(Budget.DEFAULT.with(Map.of("tokens", 2_000_000L, "qat_fraction", 0.3))));
        assertEquals(Budget.DEFAULT, Budget.DEFAULT.with(Map.of("schedule", new Schedule.Cosine(0.05, 0.1))));
        assertEquals(16L, Budget.DEFAULT.field("batch"));
        assertEquals("cosine: floor must be a number, not \"x\"",
                assertThrows(IllegalArgumentException.class, () -> new Schedule.Cosine(0, 0).with(Map.of("floor", "x"))).getMessage());
    }

    private static String message(Budget budget, String name, Object value) {
        return assertThrows(IllegalArgumentException.class, () -> budget.with(Map.of(name, value))).getMessage();
    }
}
