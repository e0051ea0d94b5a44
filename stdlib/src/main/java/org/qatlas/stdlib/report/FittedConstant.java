package org.qatlas.stdlib.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.law.Fit;
import org.qatlas.stdlib.law.FitStatistics;
import org.qatlas.stdlib.law.Interval;
import org.qatlas.stdlib.law.Parameter;

/**
 * One constant of a fitted law beside the paper's value of it.
 *
 * @param name the parameter, such as "gN"
 * @param value the fitted value
 * @param interval its bootstrap interval ({@link Interval#NONE} without one)
 * @param paper the paper's value; NaN when the paper gives none
 */
public record FittedConstant(String name, double value, Interval interval, double paper) {

    /** Whether the paper's value lies inside the interval; null when either is missing. */
    public Boolean paperInside() {
        if (Double.isNaN(paper) || !interval.known()) {
            return null;
        }
        return interval.contains(paper);
    }

    /**
     * The constants section of a fit: each parameter with its value and interval, and the
     * paper's value where {@code paper} has one.
     *
     * @param paper the paper's values by parameter name; a name the law does not have is an error
     */
    public static Section.Constants section(Fit fit, Map<String, Double> paper) {
        List<String> names = fit.law().parameters().stream().map(Parameter::name).toList();
        for (String name : paper.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("the paper's value " + name + " is not a constant of law " + fit.law().name()
                        + "; its constants are " + String.join(", ", names));
            }
        }
        List<FittedConstant> constants = new ArrayList<>();
        for (String name : names) {
            constants.add(new FittedConstant(name, fit.value(name), fit.interval(name), paper.getOrDefault(name, Double.NaN)));
        }
        return new Section.Constants(constants, summary(fit), fit.statistics().confidence(), fit.warnings());
    }

    private static String summary(Fit fit) {
        FitStatistics s = fit.statistics();
        StringBuilder text = new StringBuilder("law " + fit.law().name() + " fitted to " + s.rows() + " rows: mean relative error "
                + Cells.percent(s.meanRelativeError()));
        if (!Double.isNaN(s.rSquared())) {
            text.append(", R\u00b2 ").append(Cells.number(s.rSquared(), false));
        }
        if (s.bootstrapRequested() > 0) {
            text.append("; intervals from ").append(s.bootstrapSucceeded()).append(" of ").append(s.bootstrapRequested())
                    .append(" bootstrap refits");
        }
        return text.toString();
    }
}
