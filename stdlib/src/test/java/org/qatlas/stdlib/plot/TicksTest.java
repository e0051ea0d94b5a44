package org.qatlas.stdlib.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TicksTest {
    private static List<Double> majors(double lo, double hi) {
        return LogTicks.between(lo, hi).stream().filter(LogTicks.Tick::major).map(LogTicks.Tick::value).toList();
    }

    private static List<String> labels(List<Double> values) {
        return values.stream().map(TickLabels::label).toList();
    }

    @Test
    void wideLogRangesGetDecadesWithSiLabels() {
        assertEquals(List.of("1B", "10B", "100B", "1T"), labels(majors(5e8, 2e12)));
        assertEquals(List.of("1", "10", "100", "1K", "10K"), labels(majors(0.7, 1.3e4)));
        long minors = LogTicks.between(5e8, 2e12).stream().filter(t -> !t.major()).count();
        assertEquals(8 * 3 + 5 + 1, minors); // 2..9 x 1e9..1e11, 5..9 x 1e8 below, 2 x 1e12 above
    }

    @Test
    void veryWideLogRangesSkipDecades() {
        assertEquals(List.of("0.001", "1", "1K", "1M", "1B", "1T", "1e15"), labels(majors(1e-3, 1e15)));
    }

    @Test
    void aboutTwoDecadesLabelOneTwoFive() {
        assertEquals(List.of("200M", "500M", "1B", "2B", "5B", "10B"), labels(majors(1.5e8, 1.2e10)));
    }

    @Test
    void narrowLogRangesGetRoundLinearTicks() {
        assertEquals(List.of("2.4", "2.6", "2.8", "3", "3.2", "3.4", "3.6", "3.8"), labels(majors(2.39, 3.9)));
        assertEquals(List.of("0.04", "0.06", "0.08", "0.1", "0.12"), labels(majors(0.036, 0.125)));
    }

    @Test
    void linearTicksAreRoundSteps() {
        assertEquals(List.of(0.1, 0.2, 0.3, 0.4, 0.5), LinearTicks.between(0.06, 0.5).stream()
                .map(v -> Math.round(v * 1e9) / 1e9).toList());
        assertEquals(List.of("0", "20B", "40B", "60B", "80B", "100B"), labels(LinearTicks.between(0, 1e11)));
    }

    @Test
    void tickLabelsAreShort() {
        assertEquals("74M", TickLabels.label(74e6));
        assertEquals("1.5B", TickLabels.label(1.5e9));
        assertEquals("0.3", TickLabels.label(0.1 + 0.2));
        assertEquals("1e-5", TickLabels.label(1e-5));
        assertEquals("2.5e-4", TickLabels.label(2.5e-4));
        assertEquals("1e15", TickLabels.label(1e15));
        assertEquals("-20K", TickLabels.label(-2e4));
        assertEquals("0", TickLabels.label(0));
    }
}
