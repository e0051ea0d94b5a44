package org.qatlas.stdlib.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.qatlas.stdlib.plot.Chart;
import org.qatlas.stdlib.plot.ChartFiles;

/**
 * A report as one HTML page that needs nothing else: the style sheet is inline, charts are
 * inline SVG and image files are embedded as data, so the file can be mailed, archived or
 * opened offline and looks the same. Texts are escaped on the way in ({@link Html}).
 */
final class ReportHtml {
    private static final String STYLE = style();

    private ReportHtml() {
    }

    /**
     * @param runsFile the name of the runs' CSV beside the page, or null when there is none
     * @param runCount how many runs it holds
     */
    static String page(Report report, String runsFile, int runCount) {
        StringBuilder out = new StringBuilder(16_384);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"Qatlas\">\n")
                .append("<title>").append(Html.text(report.title())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n<header>\n<h1>")
                .append(Html.text(report.title())).append("</h1>\n");
        if (runsFile != null) {
            out.append("<p class=\"meta\">Runs: <a href=\"").append(Html.text(percentEncoded(runsFile))).append("\">")
                    .append(Html.text(runsFile)).append("</a> (").append(runCount).append(runCount == 1 ? " run" : " runs")
                    .append(", CSV)</p>\n");
        }
        out.append("</header>\n");
        for (Section section : report.sections()) {
            section(section, out);
        }
        out.append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void section(Section section, StringBuilder out) {
        switch (section) {
            case Section.Heading heading -> out.append("<h2>").append(Html.text(heading.text())).append("</h2>\n");
            case Section.Text text -> paragraphs(text.text(), out);
            case Section.Table table -> TableHtml.table(table, out);
            case Section.Constants constants -> TableHtml.constants(constants, out);
            case Section.Findings findings -> TableHtml.findings(findings, out);
            case Section.ChartFigure figure -> figure(inlineSvg(figure.chart()), figure.caption(), out);
            case Section.ImageFigure image -> figure(embedded(image), image.caption(), out);
        }
    }

    private static void paragraphs(String text, StringBuilder out) {
        out.append("<section class=\"text\">\n");
        for (String paragraph : text.strip().split("\\R\\s*\\R")) {
            if (paragraph.isBlank()) {
                continue; // a text of nothing but white space
            }
            out.append("<p>").append(Html.text(paragraph.strip().replaceAll("\\s*\\R\\s*", " "))).append("</p>\n");
        }
        out.append("</section>\n");
    }

    private static void figure(String picture, String caption, StringBuilder out) {
        out.append("<figure>\n").append(picture).append('\n');
        if (!caption.isEmpty()) {
            out.append("<figcaption>").append(Html.text(caption)).append("</figcaption>\n");
        }
        out.append("</figure>\n");
    }

    /**
     * The chart's SVG element without the XML declaration (which only a document may have), with
     * a view box so that the page can scale it to its width, and its title as the accessible name.
     * The markup is JFreeSVG's, which escapes the chart's texts.
     */
    static String inlineSvg(Chart chart) {
        String svg = ChartFiles.svg(chart).strip();
        int start = svg.indexOf("<svg");
        String name = chart.title().isEmpty() ? "chart" : chart.title();
        return "<svg viewBox=\"0 0 " + chart.width() + " " + chart.height() + "\" role=\"img\" aria-label=\"" + Html.text(name)
                + "\"" + svg.substring(start + "<svg".length());
    }

    private static String embedded(Section.ImageFigure image) {
        String data = Base64.getEncoder().encodeToString(image.bytes());
        String alt = image.caption().isEmpty() ? "chart" : image.caption();
        return "<img src=\"data:" + image.mediaType() + ";base64," + data + "\" alt=\"" + Html.text(alt) + "\">";
    }

    /** A file name as a relative link: the characters a URL path cannot hold as they are, escaped. */
    private static String percentEncoded(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0;
            out.append(plain ? String.valueOf((char) c) : String.format("%%%02X", c));
        }
        return out.toString();
    }

    private static String style() {
        try (InputStream in = ReportHtml.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
