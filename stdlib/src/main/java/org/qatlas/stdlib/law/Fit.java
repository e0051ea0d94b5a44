package org.qatlas.stdlib.law;

import java.util.List;

/**
 * A fitted law: the parameter values, their bootstrap intervals, how well the law fits and
 * what to be wary of.
 *
 * @param law the law that was fitted
 * @param values the fitted parameter values, in {@code law.parameters()} order
 * @param intervals the bootstrap percentile interval of each parameter, same order
 *     ({@link Interval#NONE} without bootstrap)
 * @param statistics fit quality and how the fit went
 * @param warnings what should make a reader doubt the numbers; empty when nothing does
 */
public record Fit(Law law, double[] values, List<Interval> intervals, FitStatistics statistics,
        List<String> warnings) {

    public Fit {
        values = values.clone();
        intervals = List.copyOf(intervals);
        warnings = List.copyOf(warnings);
        if (values.length != law.parameters().size() || intervals.size() != values.length) {
            throw new IllegalArgumentException("law " + law.name() + " has " + law.parameters().size()
                    + " parameters; got " + values.length + " values and " + intervals.size() + " intervals");
        }
    }

    /** The fitted values (a copy). */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** The fitted value of the named parameter. */
    public double value(String parameter) {
        return values[indexOf(parameter)];
    }

    /** The interval of the named parameter. */
    public Interval interval(String parameter) {
        return intervals.get(indexOf(parameter));
    }

    /** The fitted law at one point, the variables in {@code law.variables()} order. */
    public double predict(double[] variables) {
        if (variables.length != law.variables().size()) {
            throw new IllegalArgumentException("law " + law.name() + " takes " + law.variables().size()
                    + " variables " + law.variables() + ", not " + variables.length);
        }
        return law.evaluate(variables, values, null);
    }

    /** The report table: parameters with values and intervals, then statistics and warnings. */
    public String table() {
        return FitTable.of(this);
    }

    /** The fit as saved to a file, with the law's declaration text {@code source}. */
    public SavedLaw toSaved(String source) {
        return SavedLaw.of(this, source);
    }

    /**
     * The fit as JSON (see {@link SavedLaw}), with the law's declaration text {@code source},
     * which whoever loads it re-parses to get the law back.
     */
    public String toJson(String source) {
        return toSaved(source).toJson();
    }

    @Override
    public String toString() {
        return table();
    }

    private int indexOf(String parameter) {
        List<Parameter> parameters = law.parameters();
        for (int j = 0; j < parameters.size(); j++) {
            if (parameters.get(j).name().equals(parameter)) {
                return j;
            }
        }
        throw new IllegalArgumentException("law " + law.name() + " has no parameter " + parameter + "; it has "
                + parameters.stream().map(Parameter::name).toList());
    }
}
