package org.qatlas.stdlib.law;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StartGridTest {
    @Test
    void theDefaultGridIsThreeValuesPerParameter() {
        List<double[]> starts = StartGrid.starts(new ChenDeltaLaw(), FitOptions.defaults());
        assertEquals(81, starts.size());
        assertArrayEquals(new double[] {0.025, 0.1, 0.4}, StartGrid.around(new Parameter("k", 0.1, 0)), 1e-15);
        assertArrayEquals(new double[] {1.25, 2, 5}, StartGrid.around(new Parameter("E", 2, 1)), 1e-15);
        assertArrayEquals(new double[] {-1, 0, 1}, StartGrid.around(Parameter.free("c", 0)), 0);
    }

    @Test
    void aGivenGridCombinesItsValuesAndKeepsTheOthersAtTheirInitialValue() {
        FitOptions options = FitOptions.defaults().withStartGrid(Map.of("k", new double[] {0.1, 0.2},
                "gG", new double[] {0.3, 0.6, 0.9}));
        List<double[]> starts = StartGrid.starts(new ChenDeltaLaw(), options);
        assertEquals(6, starts.size());
        for (double[] s : starts) {
            assertEquals(0.2, s[1]);
            assertEquals(0.1, s[2]);
        }
    }

    @Test
    void moreCombinationsThanTheCapGiveASobolSampleOfTheSameBox() {
        DremovLossLaw law = new DremovLossLaw(DremovLossLaw.PLAUSIBLE, Set.of("theta", "kappa", "phi", "chi", "psi", "omega"));
        List<double[]> starts = StartGrid.starts(law, FitOptions.defaults().withMaxStarts(100));
        assertEquals(100, starts.size());
        assertArrayEquals(law.parameters().stream().mapToDouble(Parameter::initial).toArray(), starts.get(0), 0);
        for (double[] s : starts) {
            for (int j = 0; j < s.length; j++) {
                double initial = law.parameters().get(j).initial();
                assertTrue(s[j] >= initial / 4 * (1 - 1e-12) && s[j] <= initial * 4 * (1 + 1e-12));
            }
        }
        assertEquals(100, starts.stream().map(java.util.Arrays::toString).distinct().count());
    }
}
