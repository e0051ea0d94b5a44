package org.qatlas.stdlib.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qatlas.stdlib.report.ReportFixtures.row;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qatlas.stdlib.io.FileAccess;

class ReportSectionsTest {
    @TempDir
    Path folder;

    private static List<Section> read(Object... sections) {
        return ReportSections.read(List.of(sections), FileAccess.local());
    }

    private static String error(Object... sections) {
        return assertThrows(IllegalArgumentException.class, () -> read(sections)).getMessage();
    }

    @Test
    void eachKindOfRecordMakesItsSection() throws IOException {
        Path svg = Files.writeString(folder.resolve("fit.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
        List<Section> sections = read(
                "a paragraph",
                row("heading", "Setup"),
                row("heading", "Runs", "table", List.of(row("N", 1L, "loss", 2.5)), "columns", List.of("loss")),
                row("chart", svg.toString(), "caption", "Figure 1"),
                row("law", ReportFixtures.chenFit(), "paper", row("k", 0.1582)),
                row("findings", List.of(row("claim", "delta falls with N", "reproduced", "partly", "interval", List.of(-0.3, -0.1)))));
        assertEquals(new Section.Text("a paragraph"), sections.get(0));
        assertEquals(new Section.Heading("Setup"), sections.get(1));
        assertEquals(new Section.Heading("Runs"), sections.get(2), "a heading beside a kind comes first");
        Section.Table table = assertInstanceOf(Section.Table.class, sections.get(3));
        assertEquals(List.of("loss"), table.columns());
        Section.ImageFigure image = assertInstanceOf(Section.ImageFigure.class, sections.get(4));
        assertEquals("image/svg+xml", image.mediaType());
        assertEquals("Figure 1", image.caption());
        Section.Constants constants = assertInstanceOf(Section.Constants.class, sections.get(5));
        assertEquals(0.1582, constants.constants().get(0).paper());
        assertTrue(Double.isNaN(constants.constants().get(1).paper()), "the paper gave no gN here");
        Finding finding = assertInstanceOf(Section.Findings.class, sections.get(6)).findings().get(0);
        assertEquals(Finding.Verdict.PARTLY, finding.reproduced());
        assertEquals(-0.3, finding.low());
        assertEquals(7, sections.size());
    }

    @Test
    void anUnknownKindSaysWhatASectionIs() {
        assertEquals("report: sections[1] is no kind of section: a section is a record with one of the fields text, table, chart, "
                + "law, findings (or heading alone); it has picture", error("x", row("picture", "a.svg")));
        assertEquals("report: sections[0] has both table and chart; give each its own section",
                error(row("table", List.of(), "chart", "a.svg")));
        assertEquals("report: sections[0] (table) has no field 'colums' (did you mean 'columns'?); a table section takes table, "
                + "columns, caption, heading", error(row("table", List.of(), "colums", List.of("a"))));
        assertEquals("report: sections[0] must be a record such as { text: \"...\" } or a string, not 5", error(5L));
        assertEquals("report: sections must be a list of records such as { text: \"...\" }, not \"text\"",
                assertThrows(IllegalArgumentException.class, () -> ReportSections.read("text", FileAccess.local())).getMessage());
    }

    @Test
    void badTablesChartsAndLawsAreNamed() {
        assertEquals("report: sections[0].columns: the rows have no column \"los\"; their columns are N, loss",
                error(row("table", List.of(row("N", 1L, "loss", 2.0)), "columns", List.of("los"))));
        assertEquals("report: sections[0].table[1] must be a record or a run, not 3", error(row("table", List.of(row("a", 1L), 3L))));
        assertEquals("report: sections[0].chart must be the path of an .svg or .png file (plot writes them), not \"fit.jpg\"",
                error(row("chart", "fit.jpg")));
        String missing = folder.resolve("none.svg").toString();
        assertEquals("report: sections[0].chart: no such file: " + missing, error(row("chart", missing)));
        assertEquals("report: sections[0].law must be a fitted law (what fit(...) returns), not \"chen\"", error(row("law", "chen")));
        assertEquals("report: sections[0].paper: the paper's value kk is not a constant of law chen; its constants are k, gN, gD, gG",
                error(row("law", ReportFixtures.chenFit(), "paper", row("kk", 1.0))));
    }

    @Test
    void badFindingsAreNamed() {
        assertEquals("report: sections[0].findings[0].reproduced must be \"yes\", \"partly\" or \"no\" (or true or false), not \"maybe\"",
                error(row("findings", List.of(row("claim", "c", "reproduced", "maybe")))));
        assertEquals("report: sections[0].findings[0] needs a claim: what the paper says",
                error(row("findings", List.of(row("reproduced", "yes")))));
        assertEquals("report: sections[0].findings[0].interval must be [low, high], two numbers with low <= high, not [2, 1]",
                error(row("findings", List.of(row("claim", "c", "reproduced", true, "interval", List.of(2L, 1L))))));
        assertEquals("report: sections[0].findings[0] has no field 'mesured' (did you mean 'measured'?); a finding takes claim, paper, "
                + "measured, interval, reproduced, note",
                error(row("findings", List.of(row("claim", "c", "reproduced", "no", "mesured", 1.0)))));
    }
}
