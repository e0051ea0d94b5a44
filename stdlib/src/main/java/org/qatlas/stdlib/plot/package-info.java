/**
 * Charts for scaling-law work, drawn with JFreeChart and written as SVG (JFreeSVG) or PNG.
 *
 * <ul>
 *   <li>{@link org.qatlas.stdlib.plot.Chart} and {@link org.qatlas.stdlib.plot.Series}: a small
 *       immutable description of a chart (titles, axis labels, log axes, series, identity line).
 *   <li>{@link org.qatlas.stdlib.plot.Figures}: the three figures scaling-law work keeps
 *       drawing: predicted against measured, a law's curves for several values of a variable,
 *       and a single curve.
 *   <li>{@link org.qatlas.stdlib.plot.ChartFiles}: writes a chart to .svg or .png.
 *   <li>{@link org.qatlas.stdlib.plot.ChartException}: every failure, with a message for the user.
 * </ul>
 *
 * <p>Log axes: a {@link org.qatlas.stdlib.plot.Chart} that asks for a log axis gets one or an
 * error naming the first non-positive value; the ready-made figures choose log axes themselves
 * when every value is positive and fall back to linear otherwise. NaN and infinite points are
 * skipped everywhere. Charts render headless; nothing here needs a display.
 */
package org.qatlas.stdlib.plot;
