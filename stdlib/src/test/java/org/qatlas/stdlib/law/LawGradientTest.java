package org.qatlas.stdlib.law;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The test laws' analytic gradients agree with central finite differences, so the recovery tests rest on right laws. */
class LawGradientTest {
    private static void check(Law law, double[] parameters, double[][] points) {
        for (double[] point : points) {
            double[] gradient = new double[parameters.length];
            double value = law.evaluate(point, parameters, gradient);
            assertEquals(value, law.evaluate(point, parameters, null), 0, "value with and without gradient");
            for (int j = 0; j < parameters.length; j++) {
                double h = 1e-6 * Math.max(Math.abs(parameters[j]), 1e-3);
                double[] up = parameters.clone();
                double[] down = parameters.clone();
                up[j] += h;
                down[j] -= h;
                double numeric = (law.evaluate(point, up, null) - law.evaluate(point, down, null)) / (2 * h);
                assertEquals(numeric, gradient[j], 1e-6 * Math.max(Math.abs(numeric), Math.abs(value)),
                        law.name() + " d/d" + law.parameters().get(j).name() + " at " + java.util.Arrays.toString(point));
            }
        }
    }

    @Test
    void chinchilla() {
        check(new ChinchillaLaw(), ChinchillaLaw.EPOCH, new double[][] {{1e7, 1e9}, {3e8, 2e10}, {7e10, 1.4e12}});
    }

    @Test
    void chenDelta() {
        check(new ChenDeltaLaw(), ChenDeltaLaw.W4A4, new double[][] {{74e6, 10e9, 256}, {595e6, 100e9, 128}, {1e9, 1e11, 32}});
    }

    @Test
    void chenDeltaMatchesThePapersSanityValue() {
        // SCIENCE.md: delta_W4A4 = 0.057 at N = 595M, D = 100B, G = 128; 0.084 at 74M, 10B, 256.
        Law law = new ChenDeltaLaw();
        assertEquals(0.057, law.evaluate(new double[] {595e6, 100e9, 128}, ChenDeltaLaw.W4A4, null), 0.0005);
        assertEquals(0.084, law.evaluate(new double[] {74e6, 10e9, 256}, ChenDeltaLaw.W4A4, null), 0.0005);
    }

    @Test
    void dremovLossWithEverySixteenConstantFree() {
        DremovLossLaw law = new DremovLossLaw(DremovLossLaw.PLAUSIBLE, Set.copyOf(DremovLossLaw.NAMES));
        check(law, law.freeValues(DremovLossLaw.PLAUSIBLE),
                new double[][] {{5e7, 2e9, 2, 0.1}, {5e8, 5e10, 4, 0.5}, {1.5e9, 2.5e11, 6, 0.9}});
    }

    @Test
    void dremovLossWithSomeConstantsFixed() {
        DremovLossLaw law = new DremovLossLaw(DremovLossLaw.PLAUSIBLE, Set.of("theta", "rho", "E"));
        check(law, law.freeValues(DremovLossLaw.PLAUSIBLE), new double[][] {{1e8, 1e10, 3, 0.25}});
        assertEquals(3, law.parameters().size());
    }
}
