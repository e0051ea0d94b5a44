package org.qatlas.stdlib.law;

/**
 * The Huber loss written as a square, so that a least-squares optimiser minimises it exactly.
 *
 * <p>Levenberg-Marquardt minimises a sum of squares {@code sum s_i^2}. With the pseudo-residual
 * {@code s(r) = sign(r) * sqrt(2 * huber(r))} that sum is {@code 2 * sum huber(r_i)}, so the
 * minimiser of the squares is the Huber minimiser, not an approximation of it. Inside
 * {@code |r| <= delta}, {@code s = r}; outside, {@code s^2 = 2 delta |r| - delta^2}, hence
 * {@code ds/dr = delta / |s|}: both pieces meet with value and slope equal at {@code |r| = delta},
 * so s is continuously differentiable and the Jacobian {@code ds/dr * dr/dp} is exact. Far
 * residuals get a small slope, which is how an outlier loses its pull on the Gauss-Newton step.
 */
final class HuberResidual {
    private HuberResidual() {
    }

    /** The Huber loss: {@code r^2 / 2} inside delta, {@code delta * (|r| - delta / 2)} outside. */
    static double loss(double r, double delta) {
        double a = Math.abs(r);
        return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
    }

    /** The pseudo-residual {@code sign(r) * sqrt(2 * loss(r))}. */
    static double pseudo(double r, double delta) {
        double a = Math.abs(r);
        return a <= delta ? r : Math.copySign(Math.sqrt(delta * (2 * a - delta)), r);
    }

    /** {@code ds/dr}, given the pseudo-residual s itself. */
    static double slope(double s, double delta) {
        double a = Math.abs(s);
        return a <= delta ? 1.0 : delta / a;
    }
}
