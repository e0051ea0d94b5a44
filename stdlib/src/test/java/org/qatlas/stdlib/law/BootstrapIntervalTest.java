package org.qatlas.stdlib.law;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bootstrap intervals of paper A's delta law on rows drawn at random, with 5% multiplicative noise. */
class BootstrapIntervalTest {
    private static final Law LAW = new ChenDeltaLaw();
    private static final double[] TRUTH = ChenDeltaLaw.W4A4;
    private static final List<String> NAMES = Recovery.names(LAW);

    private static SyntheticData data(int rows, long seed) {
        double[][] r = SyntheticData.randomRows(rows, seed, new double[][] {{1e7, 1e9}, {1e9, 1e11}},
                new double[] {32, 64, 128, 256}, 2);
        return SyntheticData.of(LAW, TRUTH, r, 0.05, seed + 1);
    }

    @Test
    void intervalsContainTheTrueConstantsAndShrinkWithMoreRows() {
        SyntheticData few = data(60, 3);
        SyntheticData many = data(600, 3);
        Fit small = Fitter.fit(LAW, few.rows, few.targets);
        Fit large = Fitter.fit(LAW, many.rows, many.targets);
        for (int j = 0; j < TRUTH.length; j++) {
            String name = NAMES.get(j);
            assertTrue(small.interval(name).contains(TRUTH[j]), name + "\n" + small.table());
            assertTrue(large.interval(name).contains(TRUTH[j]), name + "\n" + large.table());
            assertTrue(small.interval(name).contains(small.value(name)), name + "\n" + small.table());
            // Ten times the rows: about sqrt(10) = 3.2 times narrower (k, which absorbs the
            // exponents' errors, more: 6.6 here).
            double ratio = small.interval(name).width() / large.interval(name).width();
            assertTrue(ratio > 2 && ratio < 10, name + ": width ratio " + ratio);
        }
        assertEquals(200, large.statistics().bootstrapSucceeded());
        assertTrue(large.warnings().isEmpty(), large.warnings()::toString);
    }

    @Test
    void theSameSeedGivesTheSameIntervalsAndAnotherSeedOthers() {
        SyntheticData d = data(80, 5);
        FitOptions options = FitOptions.defaults().withBootstrap(50);
        Fit a = Fitter.fit(LAW, d.rows, d.targets, options);
        Fit b = Fitter.fit(LAW, d.rows, d.targets, options);
        Fit c = Fitter.fit(LAW, d.rows, d.targets, options.withSeed(99));
        assertEquals(a.intervals(), b.intervals());
        assertArrayEquals(a.values(), c.values());
        assertNotEquals(a.intervals(), c.intervals());
    }

    @Test
    void higherConfidenceGivesWiderIntervals() {
        SyntheticData d = data(80, 5);
        Fit ninety = Fitter.fit(LAW, d.rows, d.targets, FitOptions.defaults().withConfidence(0.9));
        Fit ninetyNine = Fitter.fit(LAW, d.rows, d.targets, FitOptions.defaults().withConfidence(0.99));
        for (String name : NAMES) {
            assertTrue(ninetyNine.interval(name).width() > ninety.interval(name).width(), name);
        }
        assertTrue(ninety.table().contains("90% interval"), ninety::table);
    }

    @Test
    void noBootstrapMeansNoIntervals() {
        SyntheticData d = data(40, 5);
        Fit fit = Fitter.fit(LAW, d.rows, d.targets, FitOptions.defaults().withBootstrap(0));
        assertTrue(fit.intervals().stream().noneMatch(Interval::known));
        assertEquals(0, fit.statistics().bootstrapRequested());
    }
}
