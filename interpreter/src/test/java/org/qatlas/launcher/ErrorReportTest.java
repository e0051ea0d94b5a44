package org.qatlas.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qatlas.launcher.ErrorReport.Frame;
import org.qatlas.launcher.ErrorReport.Location;

/** The error format, checked on plain values (no language needed). */
class ErrorReportTest {

    @Test
    void caretSitsUnderTheColumnAndSpansTheSection() {
        String report = ErrorReport.pointAt("sweep.qat", "print(modle.params)", 12, 7, 5,
                "unknown name 'modle' (did you mean 'model'?)");
        assertEquals("""
                sweep.qat:12:7: unknown name 'modle' (did you mean 'model'?)
                print(modle.params)
                      ^^^^^""", report);
    }

    @Test
    void caretAtTheFirstColumn() {
        assertEquals("a.qat:1:1: boom\nx + 1\n^", ErrorReport.pointAt("a.qat", "x + 1", 1, 1, 1, "boom"));
    }

    @Test
    void atLeastOneCaretEvenForAnEmptySection() {
        String report = ErrorReport.pointAt("a.qat", "xs = [1, 2", 1, 11, 0, "missing ']'");
        assertEquals("a.qat:1:11: missing ']'\nxs = [1, 2\n          ^", report);
    }

    @Test
    void caretsStopAtTheEndOfTheLine() {
        String report = ErrorReport.pointAt("a.qat", "f(1,", 2, 1, 40, "bad call");
        assertEquals("a.qat:2:1: bad call\nf(1,\n^^^^", report);
    }

    @Test
    void tabsBeforeTheColumnAreKeptSoTheCaretLinesUp() {
        String report = ErrorReport.pointAt("a.qat", "\tx = y", 3, 6, 1, "unknown name 'y'");
        assertEquals("a.qat:3:6: unknown name 'y'\n\tx = y\n\t    ^", report);
    }

    @Test
    void lineEndingsOfTheSourceLineAreDropped() {
        String report = ErrorReport.pointAt("a.qat", "x\r\n", 1, 1, 1, "m");
        assertEquals("a.qat:1:1: m\nx\n^", report);
    }

    @Test
    void withoutSourceTextOnlyTheHeadline() {
        assertEquals("a.qat:4:2: m", ErrorReport.pointAt("a.qat", null, 4, 2, 3, "m"));
    }

    @Test
    void callersFollowInnermostFirst() {
        Location where = new Location("m.qat", 2, 14, 1, "fn g(x) = x / zero");
        List<Frame> callers = List.of(
                new Frame("f", new Location("m.qat", 3, 11, 4, "fn f(x) = g(x)")),
                new Frame("<top level>", new Location("m.qat", 5, 1, 4, "f(1)")));
        String report = ErrorReport.formatGuestError("unknown name 'zero'", where, callers);
        assertEquals("""
                m.qat:2:14: unknown name 'zero'
                fn g(x) = x / zero
                             ^
                  at f (m.qat:3:11)
                  at <top level> (m.qat:5:1)""", report);
    }

    @Test
    void recursionIsSummarized() {
        List<Frame> callers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            callers.add(new Frame("down", new Location("r.qat", 1, 12, 8, "fn down(n) = down(n + 1)")));
        }
        callers.add(new Frame("<top level>", new Location("r.qat", 2, 1, 7, "down(0)")));
        String report = ErrorReport.formatGuestError("recursion too deep",
                new Location("r.qat", 1, 14, 8, "fn down(n) = down(n + 1)"), callers);
        assertTrue(report.endsWith("\n  at down (r.qat:1:12)\n  ... the same call 39 more times\n"
                + "  at <top level> (r.qat:2:1)"), report);
    }

    @Test
    void aVeryLongCallChainKeepsBothEnds() {
        List<Frame> callers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            callers.add(new Frame("f" + i, new Location("r.qat", i + 1, 1, 1, "f()")));
        }
        String report = ErrorReport.formatGuestError("boom", new Location("r.qat", 1, 1, 1, "x"), callers);
        long atLines = report.lines().filter(line -> line.startsWith("  at ")).count();
        assertEquals(ErrorReport.FRAMES_SHOWN_AT_TOP + ErrorReport.FRAMES_SHOWN_AT_BOTTOM, atLines);
        assertTrue(report.contains("  at f19 (r.qat:20:1)\n  ... 75 more calls ...\n  at f95 (r.qat:96:1)"), report);
    }

    @Test
    void noJavaInAnyOfIt() {
        String report = ErrorReport.formatGuestError("m", new Location("a.qat", 1, 1, 1, "x"), List.of());
        assertFalse(report.contains("java."), report);
    }
}
