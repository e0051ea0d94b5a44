package org.qatlas.stdlib.law;

import java.util.List;

/**
 * Paper A's QAT penalty delta = k * D^gD * (log2 G)^gG / N^gN (Chen et al. 2025, Eq. 5), in Java
 * with its analytic gradient. Parameter order as in the paper's Table 1: k, gN, gD, gG; all
 * positive. Initial values are the ones of the language guide's example. The reference a law
 * written in the language is measured against: the fitter's tests and its benchmark use it.
 */
public final class ChenDeltaLaw implements Law {
    /** Table 1 (v1), W4A4: k, gN, gD, gG. */
    public static final double[] W4A4 = {0.1582, 0.2186, 0.0745, 0.7779};

    private static final double LN2 = Math.log(2);

    @Override
    public String name() {
        return "chen";
    }

    @Override
    public List<String> variables() {
        return List.of("N", "D", "G");
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("k", 0.1, 0), new Parameter("gN", 0.2, 0), new Parameter("gD", 0.1, 0),
                new Parameter("gG", 0.5, 0));
    }

    @Override
    public double evaluate(double[] v, double[] p, double[] gradient) {
        double log2g = Math.log(v[2]) / LN2;
        double value = p[0] * Math.pow(v[1], p[2]) * Math.pow(log2g, p[3]) / Math.pow(v[0], p[1]);
        if (gradient != null) {
            gradient[0] = value / p[0];
            gradient[1] = -value * Math.log(v[0]);
            gradient[2] = value * Math.log(v[1]);
            gradient[3] = value * Math.log(log2g);
        }
        return value;
    }
}
