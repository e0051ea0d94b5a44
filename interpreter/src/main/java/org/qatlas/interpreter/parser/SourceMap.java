package org.qatlas.interpreter.parser;

import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.source.SourceSection;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Maps ANTLR positions to Truffle source sections. ANTLR counts code points, Truffle counts
 * UTF-16 chars; the two differ after a character outside the Basic Multilingual Plane (an
 * emoji in a comment, say), so the offsets are converted when the text has any. An offset is
 * added for expressions parsed out of string interpolations.
 */
final class SourceMap {
    private final Source source;
    private final String text;
    private final boolean hasSurrogates;
    private final int offset;

    SourceMap(Source source, int offset) {
        this.source = source;
        this.text = source.getCharacters().toString();
        this.hasSurrogates = text.codePoints().anyMatch(Character::isSupplementaryCodePoint);
        this.offset = offset;
    }

    Source source() {
        return source;
    }

    /** The same source, with positions shifted by {@code extra} code points. */
    SourceMap shifted(int extra) {
        return new SourceMap(source, offset + extra);
    }

    SourceSection section(ParserRuleContext context) {
        Token stop = context.getStop() == null || context.getStop().getStopIndex() < context.getStart().getStartIndex()
                ? context.getStart() : context.getStop();
        return section(context.getStart().getStartIndex(), stop.getStopIndex());
    }

    SourceSection section(Token token) {
        return section(token.getStartIndex(), token.getStopIndex());
    }

    /** The section from code point {@code start} to {@code stop}, both inclusive. */
    SourceSection section(int start, int stop) {
        int from = toChar(Math.max(0, start) + offset);
        int to = toChar(Math.max(start, stop) + 1 + offset);
        from = Math.min(from, text.length());
        to = Math.min(Math.max(to, from), text.length());
        return source.createSection(from, to - from);
    }

    /** A point at a 1-based line and 0-based column, for errors that have no token. */
    SourceSection pointAtLine(int line, int column) {
        if (line < 1 || line > source.getLineCount()) {
            return source.createUnavailableSection();
        }
        int lineStart = source.getLineStartOffset(line);
        int length = source.getLineLength(line);
        return source.createSection(lineStart + Math.min(column, length), 0);
    }

    private int toChar(int codePointIndex) {
        if (!hasSurrogates) {
            return codePointIndex;
        }
        int count = text.codePointCount(0, text.length());
        return text.offsetByCodePoints(0, Math.min(codePointIndex, count));
    }
}
