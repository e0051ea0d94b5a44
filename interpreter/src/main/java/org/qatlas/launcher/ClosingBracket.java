package org.qatlas.launcher;

import org.jline.reader.Buffer;
import org.jline.reader.LineReader;

/**
 * What typing ')', ']' or '}' does in the REPL: insert the bracket, and take back the
 * indentation the REPL added to a continuation line when the bracket is the first thing on it.
 *
 * <p>JLine's own widgets for these keys delete up to {@link LineReader#INDENTATION} spaces
 * before the bracket wherever it is typed, unless it closes the bracket just before it: in
 * {@code len("x  )")} they made the string {@code "x)"}, so the REPL evaluated, and kept in its
 * history, something other than what was typed. Here only blanks between the start of the
 * line and the bracket are removed, on a continuation line. Those are never part of a token: strings and
 * interpolations end on their own line, and the lexer skips blanks between tokens.
 */
final class ClosingBracket {

    private ClosingBracket() {
    }

    /** Replaces JLine's widgets for the three closing brackets in {@code reader}. */
    static void install(LineReader reader) {
        reader.getWidgets().put(LineReader.INSERT_CLOSE_PAREN, () -> insert(reader, ")"));
        reader.getWidgets().put(LineReader.INSERT_CLOSE_SQUARE, () -> insert(reader, "]"));
        reader.getWidgets().put(LineReader.INSERT_CLOSE_CURLY, () -> insert(reader, "}"));
    }

    private static boolean insert(LineReader reader, String bracket) {
        Buffer buffer = reader.getBuffer();
        int blanks = leadingBlanksBeforeCursor(buffer);
        if (blanks > 0) {
            Object indentation = reader.getVariable(LineReader.INDENTATION);
            int level = indentation instanceof Number n ? n.intValue() : 0;
            buffer.backspace(Math.min(blanks, level));
        }
        buffer.write(bracket);
        return true;
    }

    /**
     * How many spaces lie between the start of the cursor's line and the cursor; 0 when
     * anything else does, or when the cursor is on the first line, which the REPL never indents.
     */
    static int leadingBlanksBeforeCursor(Buffer buffer) {
        int blanks = 0;
        for (int i = buffer.cursor() - 1; i >= 0; i--) {
            int ch = buffer.atChar(i);
            if (ch == '\n') {
                return blanks;
            }
            if (ch != ' ') {
                return 0;
            }
            blanks++;
        }
        return 0;
    }
}
