package org.qatlas.stdlib.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qatlas.stdlib.report.ReportFixtures.row;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qatlas.stdlib.plot.Chart;
import org.qatlas.stdlib.plot.Series;
import org.qatlas.stdlib.plot.SeriesStyle;

class ReportHtmlTest {
    private static String body(String page) {
        return page.substring(page.indexOf("<main>"), page.indexOf("</main>") + "</main>".length());
    }

    @Test
    void thePageHoldsEachSectionInOrder() {
        List<Map<String, Object>> rows = List.of(row("N", 74_302_464L, "loss", 1.50938412, "scheme", "fp", "seed", 1L),
                row("N", 145_000_000L, "loss", 0.000012345, "scheme", "w4a4", "seed", null));
        Report report = new Report("Paper A in miniature", List.of(
                new Section.Heading("Setup"),
                new Section.Text("Two-layer models\non 1M tokens.\n\nA second paragraph."),
                new Section.Table(rows, List.of("N", "loss", "scheme", "seed"), "The runs"),
                FittedConstant.section(ReportFixtures.chenFit(), Map.of("k", 0.1582, "gN", 0.2186)),
                new Section.Findings(List.of(
                        new Finding("delta falls with N", "-34%", -0.21, -0.30, -0.12, Finding.Verdict.YES, ""),
                        new Finding("W16A4 above W4A16", 1.2, 0.9, Double.NaN, Double.NaN, Finding.Verdict.NO, "one seed")),
                        "")), rows);
        String expected = """
                <main>
                <header>
                <h1>Paper A in miniature</h1>
                <p class="meta">Runs: <a href="study-runs.csv">study-runs.csv</a> (2 runs, CSV)</p>
                </header>
                <h2>Setup</h2>
                <section class="text">
                <p>Two-layer models on 1M tokens.</p>
                <p>A second paragraph.</p>
                </section>
                <section class="table">
                <p class="caption">The runs</p>
                <div class="scroll"><table>
                <thead><tr><th class="num">N</th><th class="num">loss</th><th>scheme</th><th class="num">seed</th></tr></thead>
                <tbody>
                <tr><td class="num" title="74302464">74.3M</td><td class="num" title="1.50938412">1.509</td><td>fp</td>\
                <td class="num">1</td></tr>
                <tr><td class="num" title="145000000">145M</td><td class="num" title="1.2345e-5">1.235e-05</td><td>w4a4</td>\
                <td></td></tr>
                </tbody>
                </table></div>
                </section>
                <section class="constants">
                <p class="caption">law chen fitted to 27 rows: mean relative error 4.71%, R² 0.9312; intervals from 198 of 200 \
                bootstrap refits</p>
                <div class="scroll"><table>
                <thead><tr><th>constant</th><th class="num">fitted</th><th class="num">95% interval</th><th class="num">paper</th>\
                <th>paper inside interval</th></tr></thead>
                <tbody>
                <tr><th scope="row">k</th><td class="num">0.2031</td><td class="num">[0.1500, 0.2700]</td><td class="num">0.1582</td>\
                <td class="verdict yes"><span>yes</span></td></tr>
                <tr><th scope="row">gN</th><td class="num">0.2402</td><td class="num">[0.2201, 0.2650]</td><td class="num">0.2186</td>\
                <td class="verdict no"><span>no</span></td></tr>
                <tr><th scope="row">gD</th><td class="num">0.07120</td><td class="num">[0.05000, 0.09000]</td><td></td><td></td></tr>
                <tr><th scope="row">gG</th><td class="num">0.8101</td><td class="num">[0.7000, 0.9000]</td><td></td><td></td></tr>
                </tbody>
                </table></div>
                <ul class="warnings">
                <li>gD: the interval reaches the bound 0</li>
                </ul>
                </section>
                <section class="findings">
                <p class="caption tally">1 of 2 claims reproduced, 1 not.</p>
                <div class="scroll"><table>
                <thead><tr><th>claim</th><th class="num">paper</th><th class="num">measured</th><th>reproduced</th><th>note</th></tr></thead>
                <tbody>
                <tr><td>delta falls with N</td><td class="num">-34%</td><td class="num">-0.2100 <span class="interval">[-0.3000, -0.1200]</span></td>\
                <td class="verdict yes"><span>yes</span></td><td></td></tr>
                <tr><td>W16A4 above W4A16</td><td class="num">1.200</td><td class="num">0.9000</td><td class="verdict no"><span>no</span></td>\
                <td>one seed</td></tr>
                </tbody>
                </table></div>
                </section>
                </main>""";
        assertEquals(expected, body(report.html("study-runs.csv")));
    }

    @Test
    void thePageIsSelfContained() {
        String page = new Report("t", List.of(new Section.Text("x")), null).html(null);
        assertTrue(page.startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"), page);
        assertTrue(page.contains("<style>\n:root {"), "the style sheet is inline");
        assertFalse(page.contains("<link") || page.contains("<script") || page.contains("http://") || page.contains("https://"),
                "nothing is fetched from elsewhere");
        assertFalse(page.contains("class=\"meta\""), "no runs, no link to them");
    }

    @Test
    void everyTextIsEscaped() {
        String attack = "<script>alert(1)</script><img src=x onerror=\"alert(2)\">'&";
        List<Map<String, Object>> rows = List.of(row(attack, attack));
        Chart chart = Chart.of(attack, attack, attack, List.of(Series.of(attack, new double[] {1, 2}, new double[] {1, 2},
                SeriesStyle.LINE), Series.of(attack, new double[] {1, 2}, new double[] {2, 1}, SeriesStyle.POINTS)));
        Report report = new Report(attack, List.of(new Section.Heading(attack), new Section.Text(attack),
                new Section.Table(rows, List.of(attack), attack), new Section.ChartFigure(chart, attack),
                new Section.ImageFigure(("<svg xmlns='http://www.w3.org/2000/svg'>" + attack + "</svg>")
                        .getBytes(StandardCharsets.UTF_8), "image/svg+xml", attack),
                new Section.Findings(List.of(new Finding(attack, attack, attack, Double.NaN, Double.NaN, Finding.Verdict.PARTLY,
                        attack)), attack)), rows);
        String page = report.html(attack + ".csv");
        assertFalse(page.contains("<script"), "no script element");
        assertFalse(page.contains("<img src=x"), "no injected element");
        assertFalse(page.contains("onerror=\""), "no injected attribute");
        assertTrue(page.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;&#39;&amp;"
                + "</title>"), "shown as the characters it is");
        assertTrue(page.contains("<a href=\"%3Cscript%3Ealert%281%29"), "the link's file name is percent-encoded");
    }

    @Test
    void aChartIsInlineSvgThatScalesToThePage() {
        Chart chart = Chart.of("loss & tokens", "D", "loss", List.of(Series.of("fp", new double[] {1, 2, 3},
                new double[] {3, 2, 1.5}, SeriesStyle.LINE))).withSize(400, 300);
        String page = new Report("t", List.of(new Section.ChartFigure(chart, "Figure 1")), null).html(null);
        assertTrue(page.contains("<figure>\n<svg viewBox=\"0 0 400 300\" role=\"img\" aria-label=\"loss &amp; tokens\" xmlns="),
                page.substring(page.indexOf("<figure>"), page.indexOf("<figure>") + 200));
        assertTrue(page.contains("</svg>\n<figcaption>Figure 1</figcaption>\n</figure>"));
        assertFalse(page.contains("<?xml"), "a page holds no XML declaration");
    }

    @Test
    void anImageFileIsEmbeddedAsData() {
        byte[] svg = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>".getBytes(StandardCharsets.UTF_8);
        String page = new Report("t", List.of(new Section.ImageFigure(svg, "image/svg+xml", "")), null).html(null);
        String encoded = java.util.Base64.getEncoder().encodeToString(svg);
        assertTrue(page.contains("<figure>\n<img src=\"data:image/svg+xml;base64," + encoded + "\" alt=\"chart\">\n</figure>"));
    }
}
