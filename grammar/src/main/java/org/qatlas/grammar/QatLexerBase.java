package org.qatlas.grammar;

import java.util.ArrayDeque;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.WritableToken;

/**
 * What the generated {@link QatLexer} cannot say in grammar rules: the two meanings of '{' and
 * of a line break, decided from the tokens before them.
 *
 * <ul>
 *   <li>A '{' right after the end of an expression or a header ({@code if x > 0 {},
 *       {@code else {}, {@code fn f(x) {}) opens a block and becomes {@code BLOCK_OPEN}; anywhere
 *       else it opens a record literal.
 *   <li>A line break ends a statement at the top level and in blocks, and is white space inside
 *       ( ), [ ] and record braces, so calls, lists and comprehensions can span lines.
 * </ul>
 */
public abstract class QatLexerBase extends Lexer {
    /** What kind of bracket each open bracket is: newlines count only inside blocks. */
    private final ArrayDeque<Integer> openBrackets = new ArrayDeque<>();
    private int previousType = -1;

    protected QatLexerBase(CharStream input) {
        super(input);
    }

    /** How deep the open brackets are at this point; a REPL reads more lines while it is > 0. */
    public int openBracketDepth() {
        return openBrackets.size();
    }

    @Override
    public Token nextToken() {
        while (true) {
            Token token = super.nextToken();
            int type = token.getType();
            if (type == QatLexer.NEWLINE && !openBrackets.isEmpty() && openBrackets.peek() != QatLexer.BLOCK_OPEN) {
                continue; // inside ( [ or a record: a line break is white space
            }
            if (type == QatLexer.LBRACE && endsExpressionOrHeader(previousType)) {
                ((WritableToken) token).setType(QatLexer.BLOCK_OPEN);
                type = QatLexer.BLOCK_OPEN;
            }
            switch (type) {
                case QatLexer.LPAREN, QatLexer.LBRACK, QatLexer.LBRACE, QatLexer.BLOCK_OPEN -> openBrackets.push(type);
                case QatLexer.RPAREN, QatLexer.RBRACK, QatLexer.RBRACE -> {
                    if (!openBrackets.isEmpty()) {
                        openBrackets.pop();
                    }
                }
                default -> { }
            }
            if (token.getChannel() == Token.DEFAULT_CHANNEL) {
                previousType = type;
            }
            return token;
        }
    }

    private static boolean endsExpressionOrHeader(int type) {
        return switch (type) {
            case QatLexer.IDENT, QatLexer.NUMBER, QatLexer.STRING, QatLexer.TRUE, QatLexer.FALSE, QatLexer.NONE,
                    QatLexer.RPAREN, QatLexer.RBRACK, QatLexer.RBRACE, QatLexer.ELSE -> true;
            default -> false;
        };
    }
}
