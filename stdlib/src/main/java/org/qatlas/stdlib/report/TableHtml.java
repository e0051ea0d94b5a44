package org.qatlas.stdlib.report;

import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.law.Interval;

/**
 * The tables of a report as HTML: a table of records, a law's constants beside the paper's,
 * and findings. Numbers are right-aligned and rounded for reading, with the exact value in a
 * tooltip; every text is escaped.
 */
final class TableHtml {
    private TableHtml() {
    }

    static void table(Section.Table table, StringBuilder out) {
        out.append("<section class=\"table\">\n");
        caption(table.caption(), out);
        out.append("<div class=\"scroll\"><table>\n<thead><tr>");
        for (String column : table.columns()) {
            out.append(numeric(table.rows(), column) ? "<th class=\"num\">" : "<th>").append(Html.text(column)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (Map<String, Object> row : table.rows()) {
            out.append("<tr>");
            for (String column : table.columns()) {
                cell(row.get(column), out);
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table></div>\n</section>\n");
    }

    static void constants(Section.Constants constants, StringBuilder out) {
        out.append("<section class=\"constants\">\n");
        caption(constants.summary(), out);
        String coverage = org.qatlas.stdlib.text.NumberText.format(Math.round(constants.confidence() * 1000) / 10.0) + "%";
        out.append("<div class=\"scroll\"><table>\n<thead><tr><th>constant</th><th class=\"num\">fitted</th><th class=\"num\">")
                .append(Html.text(coverage)).append(" interval</th><th class=\"num\">paper</th>")
                .append("<th>paper inside interval</th></tr></thead>\n<tbody>\n");
        for (FittedConstant constant : constants.constants()) {
            out.append("<tr><th scope=\"row\">").append(Html.text(constant.name())).append("</th>");
            cell(constant.value(), out);
            out.append("<td class=\"num\">").append(interval(constant.interval())).append("</td>");
            cell(Double.isNaN(constant.paper()) ? null : constant.paper(), out);
            Boolean inside = constant.paperInside();
            if (inside == null) {
                out.append("<td></td>");
            } else {
                verdict(inside ? Finding.Verdict.YES : Finding.Verdict.NO, out);
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table></div>\n");
        list("warnings", constants.warnings(), out);
        out.append("</section>\n");
    }

    static void findings(Section.Findings findings, StringBuilder out) {
        out.append("<section class=\"findings\">\n");
        caption(findings.caption(), out);
        out.append("<p class=\"caption tally\">").append(Html.text(tally(findings.findings()))).append("</p>\n");
        out.append("<div class=\"scroll\"><table>\n<thead><tr><th>claim</th><th class=\"num\">paper</th>")
                .append("<th class=\"num\">measured</th><th>reproduced</th><th>note</th></tr></thead>\n<tbody>\n");
        for (Finding finding : findings.findings()) {
            out.append("<tr><td>").append(Html.text(finding.claim())).append("</td>");
            cell(finding.paper(), true, out);
            out.append("<td class=\"num\">").append(Html.text(Cells.show(finding.measured())));
            if (finding.hasInterval()) {
                out.append(" <span class=\"interval\">").append(interval(new Interval(finding.low(), finding.high())))
                        .append("</span>");
            }
            out.append("</td>");
            verdict(finding.reproduced(), out);
            out.append("<td>").append(Html.text(finding.note())).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table></div>\n</section>\n");
    }

    /** "3 of 5 claims reproduced, 1 partly, 1 not." (the last two only when there are any). */
    static String tally(List<Finding> findings) {
        long yes = findings.stream().filter(f -> f.reproduced() == Finding.Verdict.YES).count();
        long partly = findings.stream().filter(f -> f.reproduced() == Finding.Verdict.PARTLY).count();
        long no = findings.size() - yes - partly;
        return yes + " of " + findings.size() + (findings.size() == 1 ? " claim" : " claims") + " reproduced"
                + (partly > 0 ? ", " + partly + " partly" : "") + (no > 0 ? ", " + no + " not" : "") + ".";
    }

    /** Whether a column holds numbers (and nones) only: its heading is then aligned with them. */
    private static boolean numeric(List<Map<String, Object>> rows, String column) {
        boolean any = false;
        for (Map<String, Object> row : rows) {
            Object value = row.get(column);
            if (value != null && !Cells.isNumber(value)) {
                return false;
            }
            any |= value != null;
        }
        return any;
    }

    private static void caption(String caption, StringBuilder out) {
        if (!caption.isEmpty()) {
            out.append("<p class=\"caption\">").append(Html.text(caption)).append("</p>\n");
        }
    }

    private static void cell(Object value, StringBuilder out) {
        cell(value, Cells.isNumber(value), out);
    }

    /** A cell, right-aligned as numbers are when {@code alignRight} (a column of values, some of them texts). */
    private static void cell(Object value, boolean alignRight, StringBuilder out) {
        out.append(alignRight ? "<td class=\"num\"" : "<td");
        String exact = Cells.exact(value);
        if (exact != null) {
            out.append(" title=\"").append(Html.text(exact)).append('"');
        }
        out.append('>').append(Html.text(Cells.show(value))).append("</td>");
    }

    private static String interval(Interval interval) {
        if (!interval.known()) {
            return "";
        }
        return Html.text("[" + Cells.number(interval.low(), false) + ", " + Cells.number(interval.high(), false) + "]");
    }

    private static void verdict(Finding.Verdict verdict, StringBuilder out) {
        out.append("<td class=\"verdict ").append(verdict.word()).append("\"><span>").append(verdict.word()).append("</span></td>");
    }

    private static void list(String kind, List<String> items, StringBuilder out) {
        if (items.isEmpty()) {
            return;
        }
        out.append("<ul class=\"").append(kind).append("\">\n");
        for (String item : items) {
            out.append("<li>").append(Html.text(item)).append("</li>\n");
        }
        out.append("</ul>\n");
    }
}
