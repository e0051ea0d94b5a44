package org.qatlas.stdlib.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qatlas.stdlib.data.SyntheticLanguage;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.quant.FormatValue;
import org.qatlas.stdlib.quant.SchemeValue;
import org.qatlas.stdlib.train.Budget;
import org.qatlas.stdlib.train.RunSpec;

class StudyPlanTest {
    private static final ModelValue SMALL = new ModelValue(1, 16, 48, 1, 1, 16);
    private static final ModelValue LARGE = new ModelValue(2, 32, 96, 2, 1, 16);
    private static final SyntheticLanguage DATA = SyntheticLanguage.generate(16, 4_000, 1, 1.0, 1, 0.1);

    private static Map<String, Object> axes(Object... pairs) {
        Map<String, Object> axes = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            axes.put((String) pairs[i], pairs[i + 1]);
        }
        return axes;
    }

    @Test
    void aGridCrossesItsAxesTheFirstOutermost() {
        List<Map<String, Object>> grid = StudyPlan.grid(axes("model", List.of(SMALL, LARGE), "tokens", List.of(1000L, 2000L),
                "seed", 3L));
        assertEquals(List.of(axes("model", SMALL, "tokens", 1000L, "seed", 3L), axes("model", SMALL, "tokens", 2000L, "seed", 3L),
                axes("model", LARGE, "tokens", 1000L, "seed", 3L), axes("model", LARGE, "tokens", 2000L, "seed", 3L)), grid);
        assertEquals(List.of(), StudyPlan.grid(axes("model", List.of(SMALL), "seed", List.of())));
    }

    @Test
    void zipPairsAxesOfEqualLength() {
        assertEquals(List.of(axes("model", SMALL, "tokens", 1000L, "lr", 0.01), axes("model", LARGE, "tokens", 2000L, "lr", 0.01)),
                StudyPlan.zip(axes("model", List.of(SMALL, LARGE), "tokens", List.of(1000L, 2000L), "lr", 0.01)));
        assertEquals("zip: tokens has 3 values but model has 2; paired axes must be as long (grid crosses them instead)",
                assertThrows(IllegalArgumentException.class, () -> StudyPlan.zip(axes("model", List.of(SMALL, LARGE), "tokens",
                        List.of(1L, 2L, 3L)))).getMessage());
    }

    @Test
    void anAxisMustBeASettingOfARun() {
        assertEquals("grid: a run has no setting 'modle' (did you mean 'model'?); a configuration names model, scheme, "
                + "budget, data, seed or one of the budget's settings",
                assertThrows(IllegalArgumentException.class, () -> StudyPlan.grid(axes("modle", List.of(SMALL)))).getMessage());
    }

    @Test
    void aConfigurationTakesTheStudysDefaultsAndSetsTheBudget() {
        SchemeValue w4 = new SchemeValue(FormatValue.INT.make(Map.of("bits", 4L)), null);
        RunSpec spec = StudyPlan.spec(axes("model", LARGE, "tokens", 5000L, "seed", 2L),
                axes("data", DATA, "scheme", w4, "budget", Budget.DEFAULT.with(Map.of("lr", 0.01))), "train_all: configuration 1");
        assertEquals(new RunSpec(LARGE, w4, Budget.DEFAULT.with(Map.of("lr", 0.01, "tokens", 5000L)), DATA, 2).runId(),
                spec.runId());
        RunSpec plain = StudyPlan.spec(axes("model", SMALL), axes("data", DATA), "train_all: configuration 1");
        assertEquals(new RunSpec(SMALL, new SchemeValue(null, null), Budget.DEFAULT, DATA, 0).runId(), plain.runId());
    }

    @Test
    void aConfigurationWithoutAModelOrWithAWrongPartSaysWhich() {
        assertEquals("train_all: configuration 2 has no model: give model: in it, or to the study",
                assertThrows(IllegalArgumentException.class, () -> StudyPlan.spec(axes("tokens", 1000L), axes("data", DATA),
                        "train_all: configuration 2")).getMessage());
        assertEquals("train_all: configuration 1: scheme must be a scheme such as quant(weights: int(4)), not \"w4a4\"",
                assertThrows(IllegalArgumentException.class, () -> StudyPlan.spec(axes("model", SMALL, "scheme", "w4a4"),
                        axes("data", DATA), "train_all: configuration 1")).getMessage());
        assertEquals("train_all: configuration 1: budget: lr must be a positive number, not -1",
                assertThrows(IllegalArgumentException.class, () -> StudyPlan.spec(axes("model", SMALL, "lr", -1L),
                        axes("data", DATA), "train_all: configuration 1")).getMessage());
    }
}
