package org.qatlas.stdlib.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The queries on laws whose answers are known in closed form. */
class QueriesTest {
    /** A law of named variables with no free parameters, from a formula. */
    private record Formula(List<String> variables, ToDoubleFunction<double[]> formula) implements Law {
        @Override
        public String name() {
            return "formula";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public double evaluate(double[] values, double[] parameters, double[] gradient) {
            return formula.applyAsDouble(values);
        }
    }

    private static final Law FP = new Formula(List.of("N"), v -> 1 + 100 / Math.sqrt(v[0]));
    private static final Law QAT = new Formula(List.of("N"), v -> 1.1 + 100 / Math.sqrt(v[0]));

    @Test
    void equivalenceFindsTheSizeAtWhichFullPrecisionMatches() {
        Queries.Equivalence found = Queries.equivalence(QAT, FP, Map.of("N", 1e4), "N", null);
        double expected = Math.pow(100 / 1.1, 2); // 1 + 100 / sqrt(N) = 2.1
        assertEquals(expected, found.value(), expected * 1e-9);
        assertEquals(expected / 1e4, found.ratio(), 1e-9);
        assertEquals(2.1, found.loss(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Queries.equivalence(QAT, FP, Map.of("N", 1e4), "D", null));
        assertEquals("equivalence: the point has no 'D' to vary; it has N", e.getMessage());
    }

    @Test
    void bitWidthsFitTheMemoryAndTheBestHasTheLowestLoss() {
        Law law = new Formula(List.of("N", "D", "B"), v -> 1 + 47 / Math.pow(v[0], 0.3) + Math.pow(2, -v[2]));
        List<Queries.BitWidth> table = Queries.bitWidths(law, 1e6, 1e9, new double[] {2, 4, 8});
        assertEquals(3, table.size());
        for (Queries.BitWidth row : table) {
            assertEquals(8e6 / row.bits(), row.params(), 1e-6);
            assertEquals(1 + 47 / Math.pow(row.params(), 0.3) + Math.pow(2, -row.bits()), row.loss(), 1e-12);
            assertTrue(Double.isNaN(row.fraction()), "no f, no fraction");
        }
        Queries.BitWidth best = Queries.best(table);
        table.forEach(row -> assertTrue(best.loss() <= row.loss()));
        assertEquals(4, best.bits(), "2 bits lose to the 2^-B term, 8 bits to the smaller model");
        assertThrows(IllegalArgumentException.class, () -> Queries.bitWidths(law, 1e6, 1e9, new double[0]));
    }

    @Test
    void theBestFractionMinimisesTheLawOverF() {
        Law law = new Formula(List.of("N", "D", "B", "f"), v -> 1 + Math.pow(v[3] - 0.3, 2));
        double[] best = Queries.bestFraction(law, Map.of("N", 1e6, "D", 1e9, "B", 4.0));
        assertEquals(0.3, best[0], 1e-5);
        assertEquals(1.0, best[1], 1e-9);
    }

    @Test
    void wastedTokensAreWhatTheBestShareSavesForTheSameLoss() {
        // The loss depends on D and f only; at f = 0.8 it equals the best share's loss with 0.64 of the tokens.
        Law law = new Formula(List.of("N", "D", "B", "f"), v -> 1 + 100 / Math.sqrt(v[1]) * (1 + Math.pow(v[3] - 0.3, 2)));
        Queries.WastedTokens wasted = Queries.wastedTokens(law, 1e6, 1e9, 4, 0.8);
        assertEquals(0.36, wasted.share(), 1e-6);
        assertEquals(0.36e9, wasted.tokens(), 1e3);
        assertEquals(0.3, wasted.optimalFraction(), 1e-5);
        assertEquals(0, Queries.wastedTokens(law, 1e6, 1e9, 4, 0.3).tokens(), 1e3, "the best share wastes nothing");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Queries.wastedTokens(FP, 1e6, 1e9, 4, 0.5));
        assertEquals("wasted_tokens: the law needs a variable f (the QAT share of the tokens); formula has N", e.getMessage());
    }

    @Test
    void aMissingVariableIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Queries.at(FP, Map.of("D", 1.0)));
        assertEquals("law formula needs 'N' but the point has D", e.getMessage());
    }
}
