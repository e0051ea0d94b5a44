package org.qatlas.stdlib.law;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Data generated from a law with known constants: a grid of rows and targets with optional noise. */
final class SyntheticData {
    final double[][] rows;
    final double[] targets;

    private SyntheticData(double[][] rows, double[] targets) {
        this.rows = rows;
        this.targets = targets;
    }

    /** Every combination of the axes' values. */
    static double[][] grid(double[]... axes) {
        List<double[]> rows = new ArrayList<>();
        int[] at = new int[axes.length];
        while (true) {
            double[] row = new double[axes.length];
            for (int j = 0; j < axes.length; j++) {
                row[j] = axes[j][at[j]];
            }
            rows.add(row);
            int j = axes.length - 1;
            while (j >= 0 && ++at[j] == axes[j].length) {
                at[j] = 0;
                j--;
            }
            if (j < 0) {
                return rows.toArray(new double[0][]);
            }
        }
    }

    /** {@code count} values spaced evenly on the log scale from lo to hi. */
    static double[] logSpaced(double lo, double hi, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = Math.exp(Math.log(lo) + i * (Math.log(hi) - Math.log(lo)) / (count - 1));
        }
        return values;
    }

    /**
     * Targets law(row, constants) * exp(sigma * z) with z standard normal from {@code seed}:
     * multiplicative noise of about sigma relative.
     */
    static SyntheticData of(Law law, double[] constants, double[][] rows, double sigma, long seed) {
        Random random = new Random(seed);
        double[] targets = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            targets[i] = law.evaluate(rows[i], constants, null) * Math.exp(sigma * random.nextGaussian());
        }
        return new SyntheticData(rows, targets);
    }

    /** Rows drawn uniformly on the log scale of each axis's [lo, hi], or from a set of values. */
    static double[][] randomRows(int count, long seed, double[][] logRanges, double[] choices, int choiceColumn) {
        Random random = new Random(seed);
        double[][] rows = new double[count][];
        for (int i = 0; i < count; i++) {
            double[] row = new double[logRanges.length + (choices == null ? 0 : 1)];
            for (int j = 0, r = 0; j < row.length; j++) {
                if (choices != null && j == choiceColumn) {
                    row[j] = choices[random.nextInt(choices.length)];
                } else {
                    double lo = Math.log(logRanges[r][0]);
                    double hi = Math.log(logRanges[r][1]);
                    row[j] = Math.exp(lo + random.nextDouble() * (hi - lo));
                    r++;
                }
            }
            rows[i] = row;
        }
        return rows;
    }

    /** A copy with the targets of the given rows multiplied by {@code factor} (gross outliers). */
    SyntheticData withOutliers(double factor, int... rowIndices) {
        double[] copy = targets.clone();
        for (int i : rowIndices) {
            copy[i] *= factor;
        }
        return new SyntheticData(rows, copy);
    }
}
