package org.qatlas.stdlib.law;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The questions researchers ask of QAT laws (papers A and B), for any {@link Law} at its
 * current parameter values. Loss laws of paper B's kind take the variables N (parameters), D
 * (total tokens), B (bits) and f (the QAT share of D), as {@code dremov2025.loss} does; a law
 * without f is taken as fraction-free.
 */
public final class Queries {
    /** The QAT share is searched inside (0, 1): the laws' S_fp and S_qat vanish at the ends. */
    private static final double[] FRACTIONS = {0.001, 0.999};

    private Queries() {
    }

    /** Where a full-precision law matches a QAT law: the value of {@code vary} at which fp predicts qat's loss at {@code at}. */
    public record Equivalence(String vary, double value, double ratio, double loss) {
    }

    /** One bit width under a memory budget: the parameters that fit, the best QAT share (NaN without f) and the loss. */
    public record BitWidth(double bits, double params, double fraction, double loss) {
    }

    /** The tokens a QAT share wastes against the best share, that share of the budget, and the best share. */
    public record WastedTokens(double tokens, double share, double optimalFraction) {
    }

    /** The law's value at named variables (other names in the point are ignored). */
    public static double at(Law law, Map<String, Double> point) {
        double[] variables = new double[law.variables().size()];
        for (int i = 0; i < variables.length; i++) {
            Double value = point.get(law.variables().get(i));
            if (value == null) {
                throw new IllegalArgumentException("law " + law.name() + " needs '" + law.variables().get(i)
                        + "' but the point has " + String.join(", ", point.keySet()));
            }
            variables[i] = value;
        }
        double[] parameters = law.parameters().stream().mapToDouble(Parameter::initial).toArray();
        return law.evaluate(variables, parameters, null);
    }

    /**
     * @param bracket where to look for the value of {@code vary}; null searches from 1/1000 to 1000 times its value at {@code at}
     */
    public static Equivalence equivalence(Law qat, Law fp, Map<String, Double> at, String vary, double[] bracket) {
        if (!at.containsKey(vary)) {
            throw new IllegalArgumentException("equivalence: the point has no '" + vary + "' to vary; it has "
                    + String.join(", ", at.keySet()));
        }
        double loss = at(qat, at);
        double start = at.get(vary);
        double[] range = bracket == null ? new double[] {start / 1000, start * 1000} : bracket;
        double value = Solve.root(x -> at(fp, with(at, vary, x)) - loss, range[0], range[1]);
        return new Equivalence(vary, value, value / start, loss);
    }

    /**
     * Each bit width's loss when the weights must fit in {@code memory} bytes (N = 8 memory / B)
     * and {@code tokens} are trained, at the best QAT share; the best width is the one with the
     * lowest loss ({@link #best}).
     */
    public static List<BitWidth> bitWidths(Law law, double memory, double tokens, double[] bits) {
        if (bits.length == 0) {
            throw new IllegalArgumentException("best_bits: no bit widths to compare");
        }
        List<BitWidth> table = new ArrayList<>();
        for (double width : bits) {
            double params = memory * 8 / width;
            double[] fractionAndLoss = bestFraction(law, new LinkedHashMap<>(Map.of("N", params, "D", tokens, "B", width)));
            table.add(new BitWidth(width, params, fractionAndLoss[0], fractionAndLoss[1]));
        }
        return table;
    }

    /** The first width with the lowest loss. */
    public static BitWidth best(List<BitWidth> table) {
        BitWidth best = table.get(0);
        for (BitWidth row : table) {
            if (row.loss() < best.loss()) {
                best = row;
            }
        }
        return best;
    }

    /**
     * How many fewer tokens, at the best QAT share, reach the loss that {@code fraction} reaches
     * with {@code tokens}.
     */
    public static WastedTokens wastedTokens(Law law, double params, double tokens, double bits, double fraction) {
        if (!law.variables().contains("f")) {
            throw new IllegalArgumentException("wasted_tokens: the law needs a variable f (the QAT share of the tokens); "
                    + law.name() + " has " + String.join(", ", law.variables()));
        }
        Map<String, Double> point = new LinkedHashMap<>(Map.of("N", params, "D", tokens, "B", bits, "f", fraction));
        double loss = at(law, point);
        double[] atBest = bestFraction(law, point);
        double needed = atBest[1] >= loss
                ? tokens // the given share is already the best one
                : Solve.root(d -> bestFraction(law, with(point, "D", d))[1] - loss, tokens / 100, tokens);
        return new WastedTokens(tokens - needed, (tokens - needed) / tokens, atBest[0]);
    }

    /** {the QAT share with the lowest loss, that loss}, or {NaN, loss} for a law without f. */
    public static double[] bestFraction(Law law, Map<String, Double> point) {
        if (!law.variables().contains("f")) {
            return new double[] {Double.NaN, at(law, point)};
        }
        Minimum minimum = Minimize.scalar(f -> at(law, with(point, "f", f)), FRACTIONS[0], FRACTIONS[1], false);
        return new double[] {minimum.x(), minimum.value()};
    }

    private static Map<String, Double> with(Map<String, Double> point, String name, double value) {
        Map<String, Double> copy = new LinkedHashMap<>(point);
        copy.put(name, value);
        return copy;
    }
}
