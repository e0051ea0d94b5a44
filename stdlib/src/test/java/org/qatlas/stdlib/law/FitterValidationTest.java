package org.qatlas.stdlib.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the fitter refuses, with which message, and what it warns about. */
class FitterValidationTest {
    private static final Law CHEN = new ChenDeltaLaw();

    /** y = a + b * x: free parameters, may go negative. */
    private static final Law LINE = new Law() {
        @Override
        public String name() {
            return "line";
        }

        @Override
        public List<String> variables() {
            return List.of("x");
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(Parameter.free("a", 1), Parameter.free("b", 1));
        }

        @Override
        public double evaluate(double[] v, double[] p, double[] g) {
            if (g != null) {
                g[0] = 1;
                g[1] = v[0];
            }
            return p[0] + p[1] * v[0];
        }
    };

    /** y = c * x^a with a third parameter u the law ignores. */
    private static final Law WITH_UNUSED = new Law() {
        @Override
        public String name() {
            return "unused";
        }

        @Override
        public List<String> variables() {
            return List.of("x");
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(new Parameter("c", 1, 0), Parameter.free("a", 0.5), new Parameter("u", 1, 0));
        }

        @Override
        public double evaluate(double[] v, double[] p, double[] g) {
            double value = p[0] * Math.pow(v[0], p[1]);
            if (g != null) {
                g[0] = value / p[0];
                g[1] = value * Math.log(v[0]);
                g[2] = 0;
            }
            return value;
        }
    };

    private static double[][] xs(double... x) {
        double[][] rows = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            rows[i] = new double[] {x[i]};
        }
        return rows;
    }

    @Test
    void fewerRowsThanParametersAreRefused() {
        double[][] rows = {{1e8, 1e10, 64}, {2e8, 1e10, 64}, {1e8, 2e10, 128}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fitter.fit(CHEN, rows, new double[] {0.05, 0.04, 0.06}));
        assertTrue(e.getMessage().contains("3 rows for 4 parameters"), e.getMessage());
    }

    @Test
    void nonPositiveTargetsUnderTheLogObjectiveAreRefusedNamingTheRow() {
        double[][] rows = SyntheticData.grid(new double[] {1e7, 1e8, 1e9}, new double[] {1e9, 1e10}, new double[] {64});
        double[] targets = {0.1, 0.09, 0.08, -0.01, 0.07, 0.06};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fitter.fit(CHEN, rows, targets));
        assertTrue(e.getMessage().contains("row 3") && e.getMessage().contains("positive"), e.getMessage());
        targets[3] = 0;
        e = assertThrows(IllegalArgumentException.class, () -> Fitter.fit(CHEN, rows, targets));
        assertTrue(e.getMessage().contains("row 3"), e.getMessage());
    }

    @Test
    void nanTargetsAndValuesAreRefusedNamingTheRow() {
        double[][] rows = xs(1, 2, 3, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fitter.fit(LINE, rows, new double[] {1, 2, Double.NaN, 4}));
        assertTrue(e.getMessage().contains("target of row 2 is NaN"), e.getMessage());
        double[][] bad = xs(1, 2, Double.POSITIVE_INFINITY, 4);
        e = assertThrows(IllegalArgumentException.class, () -> Fitter.fit(LINE, bad, new double[] {1, 2, 3, 4}));
        assertTrue(e.getMessage().contains("row 2 has x = Infinity"), e.getMessage());
    }

    @Test
    void rowsOfTheWrongWidthAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fitter.fit(LINE, new double[][] {{1}, {2, 3}, {4}}, new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("row 1 has 2 values"), e.getMessage());
    }

    @Test
    void startGridsNamingUnknownParametersOrValuesBelowTheBoundAreRefused() {
        double[][] rows = SyntheticData.grid(new double[] {1e7, 1e8, 1e9}, new double[] {1e9, 1e10}, new double[] {64});
        double[] targets = SyntheticData.of(CHEN, ChenDeltaLaw.W4A4, rows, 0, 1).targets;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fitter.fit(CHEN, rows, targets,
                FitOptions.defaults().withStartGrid(Map.of("alpha", new double[] {1}))));
        assertTrue(e.getMessage().contains("alpha"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Fitter.fit(CHEN, rows, targets,
                FitOptions.defaults().withStartGrid(Map.of("k", new double[] {0.1, -0.1}))));
        assertTrue(e.getMessage().contains("-0.1") && e.getMessage().contains("bound"), e.getMessage());
    }

    @Test
    void leastSquaresFitsTargetsThatCrossZero() {
        double[][] rows = xs(-2, -1, 0, 1, 2, 3);
        Fit fit = Fitter.fit(LINE, rows, new double[] {-5, -3, -1, 1, 3, 5},
                FitOptions.defaults().withObjective(Objective.LEAST_SQUARES).withBootstrap(20));
        assertEquals(-1, fit.value("a"), 1e-9);
        assertEquals(2, fit.value("b"), 1e-9);
        assertEquals(1, fit.statistics().rSquared(), 1e-12);
    }

    @Test
    void negativePredictionsUnderTheLogObjectiveDoNotCrashTheFit() {
        // Starting from a = 1, b = 1 is fine, but the default grid also starts at a = 4, b = 0.25
        // and negative ones are reached on the way: y = 10 - 2x goes negative beyond x = 5.
        double[][] rows = xs(0, 1, 2, 3, 4);
        double[] targets = {10, 8, 6, 4, 2};
        Fit fit = Fitter.fit(LINE, rows, targets, FitOptions.defaults().withStartGrid(Map.of("a", new double[] {-50, 1},
                "b", new double[] {-3, 1, 40})));
        assertEquals(10, fit.value("a"), 1e-6);
        assertEquals(-2, fit.value("b"), 1e-6);
    }

    @Test
    void aParameterTheDataDoNotMoveGetsADegenerateIntervalWarning() {
        double[][] rows = xs(1, 2, 4, 8, 16, 32);
        double[] targets = {3.0, 4.3, 5.9, 8.6, 12.1, 16.8};
        Fit fit = Fitter.fit(WITH_UNUSED, rows, targets, FitOptions.defaults().withBootstrap(50));
        assertEquals(0, fit.interval("u").width());
        assertTrue(fit.warnings().stream().anyMatch(w -> w.contains("interval of u has zero width")), fit::table);
        assertTrue(fit.warnings().stream().noneMatch(w -> w.contains("interval of a ")), fit::table);
    }

    @Test
    void aParameterRunningToItsBoundIsWarnedAbout() {
        // y = c * x^a with a bounded at 0 and flat data: a runs down to 0 in most resamples.
        Law bounded = new Law() {
            @Override
            public String name() {
                return "bounded";
            }

            @Override
            public List<String> variables() {
                return List.of("x");
            }

            @Override
            public List<Parameter> parameters() {
                return List.of(new Parameter("c", 1, 0), new Parameter("a", 0.5, 0));
            }

            @Override
            public double evaluate(double[] v, double[] p, double[] g) {
                double value = p[0] * Math.pow(v[0], p[1]);
                if (g != null) {
                    g[0] = value / p[0];
                    g[1] = value * Math.log(v[0]);
                }
                return value;
            }
        };
        double[][] rows = xs(1, 2, 4, 8, 16, 32, 64, 128);
        double[] targets = {2.02, 1.97, 2.01, 1.99, 2.03, 1.96, 2.0, 1.98};
        Fit fit = Fitter.fit(bounded, rows, targets, FitOptions.defaults().withBootstrap(50));
        assertTrue(fit.value("a") < 0.01, fit::table);
        assertTrue(fit.warnings().stream().anyMatch(w -> w.contains("interval of a runs down to its lower bound")),
                fit::table);
    }

    @Test
    void aBestStartStoppedByTheCapIsWarnedAbout() {
        double[][] rows = SyntheticData.grid(SyntheticData.logSpaced(1e7, 1e9, 4), SyntheticData.logSpaced(1e9, 1e11, 4),
                new double[] {32, 256});
        double[] targets = SyntheticData.of(CHEN, ChenDeltaLaw.W4A4, rows, 0.05, 3).targets;
        Fit fit = Fitter.fit(CHEN, rows, targets, FitOptions.defaults().withMaxEvaluationsPerStart(2)
                .withMaxEvaluations(3).withBootstrap(0));
        assertTrue(fit.warnings().stream().anyMatch(w -> w.contains("did not converge from any start")), fit::table);
        assertTrue(!fit.statistics().converged());
    }
}
