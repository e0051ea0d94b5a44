/**
 * Study reports: one self-contained HTML file (its style inline, its charts inline as SVG or
 * as embedded images) that says what a study set out to reproduce and what it found, with the
 * runs written as CSV beside it.
 *
 * <ul>
 *   <li>{@link org.qatlas.stdlib.report.Report}: a title, {@link org.qatlas.stdlib.report.Section}s
 *       in order, and the runs.
 *   <li>{@link org.qatlas.stdlib.report.Section}: headings, text, tables of records, charts,
 *       a fitted law's constants beside the paper's, and findings
 *       ({@link org.qatlas.stdlib.report.Finding}).
 *   <li>{@link org.qatlas.stdlib.report.ReportSections}: sections read from plain values (records
 *       and lists), as the language's {@code report(...)} passes them.
 *   <li>{@link org.qatlas.stdlib.report.ReportFiles}: writes the HTML and the runs' CSV.
 * </ul>
 *
 * <p>Every piece of text that reaches the page, a run's name or a note included, is escaped:
 * a report shows what it was given and never runs it. An image file is embedded as an image,
 * never as markup, so a script in an SVG file does not run either.
 */
package org.qatlas.stdlib.report;
