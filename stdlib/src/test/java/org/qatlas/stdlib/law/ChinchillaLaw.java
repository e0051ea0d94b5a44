package org.qatlas.stdlib.law;

import java.util.List;

/**
 * Chinchilla's loss law L = E + A / N^alpha + B / D^beta (Hoffmann et al. 2022, approach 3),
 * in Java with its analytic gradient. Parameter order: E, A, B, alpha, beta; all positive.
 */
final class ChinchillaLaw implements Law {
    /** The Epoch replication's constants (Besiroglu et al. 2024), in parameter order. */
    static final double[] EPOCH = {1.8172, 482.01, 2085.43, 0.3478, 0.3658};

    @Override
    public String name() {
        return "chinchilla";
    }

    @Override
    public List<String> variables() {
        return List.of("N", "D");
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("E", 2.0, 0), new Parameter("A", 300, 0), new Parameter("B", 1000, 0),
                new Parameter("alpha", 0.3, 0), new Parameter("beta", 0.3, 0));
    }

    @Override
    public double evaluate(double[] v, double[] p, double[] gradient) {
        double n = Math.pow(v[0], -p[3]);
        double d = Math.pow(v[1], -p[4]);
        if (gradient != null) {
            gradient[0] = 1;
            gradient[1] = n;
            gradient[2] = d;
            gradient[3] = -p[1] * n * Math.log(v[0]);
            gradient[4] = -p[2] * d * Math.log(v[1]);
        }
        return p[0] + p[1] * n + p[2] * d;
    }
}
