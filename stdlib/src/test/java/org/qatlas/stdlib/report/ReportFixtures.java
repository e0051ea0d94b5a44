package org.qatlas.stdlib.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.law.ChenDeltaLaw;
import org.qatlas.stdlib.law.Fit;
import org.qatlas.stdlib.law.FitStatistics;
import org.qatlas.stdlib.law.Interval;
import org.qatlas.stdlib.law.Objective;

/** Small reports' ingredients, the same in every test that needs them. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    /** A record in the order given (Map.of has none). */
    static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    /** A fit of paper A's law with known numbers, made directly rather than by fitting. */
    static Fit chenFit() {
        FitStatistics statistics = new FitStatistics(27, 0.0471, 0.9312, 0.0042, Objective.HUBER_LOG, 1e-3, true, 81, 80, 12, 200,
                198, 0.95, 1_000_000);
        return new Fit(new ChenDeltaLaw(), new double[] {0.2031, 0.2402, 0.0712, 0.8101},
                List.of(new Interval(0.15, 0.27), new Interval(0.2201, 0.2650), new Interval(0.05, 0.09), new Interval(0.7, 0.9)),
                statistics, List.of("gD: the interval reaches the bound 0"));
    }
}
