package org.qatlas.stdlib.law;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Paper B's loss law (Dremov et al. 2025, form from summaries; SCIENCE.md), in Java with its
 * analytic gradient. Variables: N (parameters), D (total tokens), b (QAT bit width), f (QAT
 * share of the tokens). With S = D / (N b / 8), S_qat = f S and S_fp = (1 - f) S:
 *
 * <pre>
 * L = E + A / N^alpha + Bc / D^beta
 *   + theta * 2^(-kappa b)
 *   + phi * 2^(-chi b) / (N^psi * S_qat^omega)
 *   + lam * 2^(-mu b) / (N^nu * S_fp^xi * S_qat^rho)
 * </pre>
 *
 * The paper's fitted values are not available, so {@link #PLAUSIBLE} are made up to be of a
 * plausible size (the Chinchilla part is Epoch's; the QAT terms add a few percent to the loss
 * at 4 bits, more at 2). Only the parameters named at construction are free; the others keep
 * their value in the constants given, so that a test can fix what the data cannot identify.
 */
final class DremovLossLaw implements Law {
    static final List<String> NAMES = List.of("E", "A", "alpha", "Bc", "beta", "theta", "kappa", "phi", "chi", "psi",
            "omega", "lam", "mu", "nu", "xi", "rho");
    static final double[] PLAUSIBLE = {1.8172, 482.01, 0.3478, 2085.43, 0.3658, 0.6, 0.8, 3.0, 0.6, 0.15, 0.25, 1.5,
            0.5, 0.1, 0.2, 0.15};

    private static final double LN2 = Math.log(2);

    private final double[] constants;
    private final int[] free;
    private final List<Parameter> parameters = new ArrayList<>();
    private final double[] all = new double[NAMES.size()];
    private final double[] allGradient = new double[NAMES.size()];

    /**
     * @param constants all sixteen constants in {@link #NAMES} order; the free ones' values are
     *     their initial values
     * @param freeNames which of them the fitter may move (all positive, bounded at 0)
     */
    DremovLossLaw(double[] constants, Set<String> freeNames) {
        this.constants = constants.clone();
        this.free = new int[freeNames.size()];
        int k = 0;
        for (int i = 0; i < NAMES.size(); i++) {
            if (freeNames.contains(NAMES.get(i))) {
                free[k++] = i;
                parameters.add(new Parameter(NAMES.get(i), constants[i], 0));
            }
        }
        if (k != freeNames.size()) {
            throw new IllegalArgumentException("unknown names in " + freeNames);
        }
    }

    @Override
    public String name() {
        return "dremov";
    }

    @Override
    public List<String> variables() {
        return List.of("N", "D", "b", "f");
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The values of the free parameters within a full vector of sixteen constants. */
    double[] freeValues(double[] allConstants) {
        double[] out = new double[free.length];
        for (int j = 0; j < free.length; j++) {
            out[j] = allConstants[free[j]];
        }
        return out;
    }

    @Override
    public double evaluate(double[] v, double[] p, double[] gradient) {
        System.arraycopy(constants, 0, all, 0, all.length);
        for (int j = 0; j < free.length; j++) {
            all[free[j]] = p[j];
        }
        double value = evaluateAll(v, all, gradient == null ? null : allGradient);
        if (gradient != null) {
            for (int j = 0; j < free.length; j++) {
                gradient[j] = allGradient[free[j]];
            }
        }
        return value;
    }

    static double evaluateAll(double[] v, double[] c, double[] g) {
        double n = v[0];
        double d = v[1];
        double b = v[2];
        double f = v[3];
        double s = d / (n * b / 8);
        double sQat = f * s;
        double sFp = (1 - f) * s;
        double lnN = Math.log(n);
        double t1 = c[1] * Math.pow(n, -c[2]);
        double t2 = c[3] * Math.pow(d, -c[4]);
        double t3 = c[5] * Math.pow(2, -c[6] * b);
        double t4 = c[7] * Math.pow(2, -c[8] * b) / (Math.pow(n, c[9]) * Math.pow(sQat, c[10]));
        double t5 = c[11] * Math.pow(2, -c[12] * b) / (Math.pow(n, c[13]) * Math.pow(sFp, c[14]) * Math.pow(sQat, c[15]));
        if (g != null) {
            g[0] = 1;
            g[1] = Math.pow(n, -c[2]);
            g[2] = -t1 * lnN;
            g[3] = Math.pow(d, -c[4]);
            g[4] = -t2 * Math.log(d);
            g[5] = Math.pow(2, -c[6] * b);
            g[6] = -t3 * b * LN2;
            g[7] = t4 / c[7];
            g[8] = -t4 * b * LN2;
            g[9] = -t4 * lnN;
            g[10] = -t4 * Math.log(sQat);
            g[11] = t5 / c[11];
            g[12] = -t5 * b * LN2;
            g[13] = -t5 * lnN;
            g[14] = -t5 * Math.log(sFp);
            g[15] = -t5 * Math.log(sQat);
        }
        return c[0] + t1 + t2 + t3 + t4 + t5;
    }
}
