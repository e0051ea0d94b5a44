package org.qatlas.launcher;

import java.util.Set;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.qatlas.grammar.QatLexer;

/**
 * Decides whether REPL input is finished or the user is still typing a statement that spans
 * lines. It asks the language's own lexer, so brackets inside strings and comments do not
 * count and a '{' that opens a block counts like any other bracket.
 */
final class InputCompleteness {

    /** Tokens after which no statement can end: the line must go on. */
    private static final Set<Integer> CONTINUING_TOKENS = Set.of(
            QatLexer.PLUS, QatLexer.MINUS, QatLexer.STAR, QatLexer.SLASH, QatLexer.PERCENT,
            QatLexer.CARET, QatLexer.EQ, QatLexer.NE, QatLexer.LT, QatLexer.LE, QatLexer.GT,
            QatLexer.GE, QatLexer.ASSIGN, QatLexer.PLUS_ASSIGN, QatLexer.MINUS_ASSIGN,
            QatLexer.STAR_ASSIGN, QatLexer.SLASH_ASSIGN, QatLexer.AND, QatLexer.OR, QatLexer.NOT,
            QatLexer.IN, QatLexer.WITH, QatLexer.COMMA, QatLexer.ARROW, QatLexer.DOT);

    /** What the lexer found in a piece of input. */
    record Scan(int openBrackets, boolean endsMidStatement) {
        boolean isComplete() {
            return openBrackets == 0 && !endsMidStatement;
        }
    }

    private InputCompleteness() {
    }

    static boolean isComplete(String input) {
        return scan(input).isComplete();
    }

    static Scan scan(String input) {
        QatLexer lexer = new QatLexer(CharStreams.fromString(input));
        // Stray characters become tokens of their own; nothing should go to the console.
        lexer.removeErrorListeners();
        Token last = null;
        for (Token token = lexer.nextToken(); token.getType() != Token.EOF; token = lexer.nextToken()) {
            if (token.getChannel() == Token.DEFAULT_CHANNEL && token.getType() != QatLexer.NEWLINE) {
                last = token;
            }
        }
        return new Scan(lexer.openBracketDepth(), last != null && continuesTheLine(last));
    }

    private static boolean continuesTheLine(Token last) {
        if (CONTINUING_TOKENS.contains(last.getType())) {
            return true;
        }
        // A backslash at the very end: the grammar joins it with the next line once that
        // line exists, but until then the lexer sees it as a stray character.
        return last.getType() == QatLexer.UNKNOWN_CHARACTER && last.getText().equals("\\");
    }
}
