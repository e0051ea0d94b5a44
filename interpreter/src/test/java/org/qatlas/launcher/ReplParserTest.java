package org.qatlas.launcher;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When the REPL asks for another line, and which word completion works on. */
class ReplParserTest {

    private final ReplParser parser = new ReplParser();

    @ParameterizedTest
    @ValueSource(strings = {
        "xs = [1, 2,",
        "f(1,\n  2",
        "r = {a: 1,",
        "for x in xs {",
        "fn f(x) {\n  y = x * 2",
        "x = 1 +",
        "y = a and",
        "g = x ->",
        "ok = x ==",
        "z = r with",
        "total = 1 \\",
    })
    void incompleteInputAsksForMore(String input) {
        EOFError more = assertThrows(EOFError.class, () -> parse(input, ParseContext.ACCEPT_LINE));
        assertEquals(InputCompleteness.scan(input).openBrackets(), more.getOpenBrackets());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "xs = [1, 2]",
        "s = \"[ is not a bracket in a string\"",
        "x = 1  # a comment with an open ( bracket",
        "for x in xs { print(x) }",
        "fn f(x) {\n  return x\n}",
        "y = -x",
        ":load weird[name.qat",
        "",
    })
    void completeInputIsAccepted(String input) {
        assertDoesNotThrow(() -> parse(input, ParseContext.ACCEPT_LINE));
    }

    @Test
    void completionNeverAsksForMore() {
        assertDoesNotThrow(() -> parse("xs = [1, 2,", ParseContext.COMPLETE));
    }

    @Test
    void completionWordIsTheDottedNameBeforeTheCursor() {
        ParsedLine line = parser.parse("print(tiny.fl)", 13, ParseContext.COMPLETE);
        assertEquals("tiny.fl", line.word());
        assertEquals(7, line.wordCursor());
    }

    @Test
    void completionWordExtendsPastTheCursor() {
        ParsedLine line = parser.parse("x = mod + 1", 6, ParseContext.COMPLETE);
        assertEquals("mod", line.word());
        assertEquals(2, line.wordCursor());
    }

    @Test
    void commandLinesSplitAtWhitespace() {
        ParsedLine line = parser.parse(":load runs/a.q", 14, ParseContext.COMPLETE);
        assertEquals(List.of(":load", "runs/a.q"), line.words());
        assertEquals(1, line.wordIndex());
        assertEquals("runs/a.q", line.word());
    }

    @Test
    void commandLineWithTheCursorAfterASpaceStartsAnEmptyWord() {
        ParsedLine line = parser.parse(":load ", 6, ParseContext.COMPLETE);
        assertEquals(1, line.wordIndex());
        assertEquals("", line.word());
    }

    @Test
    void backslashesAreNotJLineEscapes() {
        assertEquals(false, parser.isEscapeChar('\\'));
    }

    private ParsedLine parse(String input, ParseContext context) {
        return parser.parse(input, input.length(), context);
    }
}
