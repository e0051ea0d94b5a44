package org.qatlas.interpreter.laws;

import org.qatlas.stdlib.law.Fit;

/**
 * How a fitted law's values came about, kept with the law so that it can be printed, read as
 * fields and saved: the fit itself and the field of the rows it was fitted to.
 *
 * @param target the field of the rows the law was fitted to ("delta", "loss"), or null when
 *     the fit was read from a file that does not say
 */
public record FitSummary(String target, Fit fit) {
}
