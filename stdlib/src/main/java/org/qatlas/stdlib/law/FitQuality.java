package org.qatlas.stdlib.law;

/**
 * The fit-quality measures of fitted values on the data.
 *
 * @param meanRelativeError mean of {@code |pred - y| / |y|} over the rows with a finite
 *     prediction and a non-zero target
 * @param rSquared {@code 1 - SS_res / SS_tot} on the target scale, over the rows with a finite
 *     prediction
 * @param unusable rows whose prediction the objective cannot use: not finite, or not positive
 *     under the log objective
 */
record FitQuality(double meanRelativeError, double rSquared, int unusable) {
    static FitQuality of(Law law, double[][] rows, double[] targets, double[] values, Objective objective) {
        double mean = 0;
        for (double y : targets) {
            mean += y;
        }
        mean /= targets.length;
        double relative = 0;
        int relativeRows = 0;
        double residual = 0;
        double total = 0;
        int unusable = 0;
        for (int i = 0; i < rows.length; i++) {
            double prediction = law.evaluate(rows[i], values, null);
            if (!Double.isFinite(prediction)) {
                unusable++;
                continue;
            }
            if (objective == Objective.HUBER_LOG && prediction <= 0) {
                unusable++;
            }
            double y = targets[i];
            if (y != 0) {
                relative += Math.abs(prediction - y) / Math.abs(y);
                relativeRows++;
            }
            residual += (prediction - y) * (prediction - y);
            total += (y - mean) * (y - mean);
        }
        double rSquared = total == 0 ? Double.NaN : 1 - residual / total;
        return new FitQuality(relativeRows == 0 ? Double.NaN : relative / relativeRows, rSquared, unusable);
    }
}
