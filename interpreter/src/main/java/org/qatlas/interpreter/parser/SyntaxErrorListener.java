package org.qatlas.interpreter.parser;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.qatlas.grammar.QatParser;
import org.qatlas.interpreter.runtime.QatSyntaxError;

/**
 * Turns the first syntax error ANTLR finds into a {@link QatSyntaxError} with a short message
 * ("expected ')'", "unexpected 'in'") instead of ANTLR's list of every token it could take.
 */
final class SyntaxErrorListener extends BaseErrorListener {
    private final SourceMap sourceMap;

    SyntaxErrorListener(SourceMap sourceMap) {
        this.sourceMap = sourceMap;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
            String antlrMessage, RecognitionException e) {
        Token token = offendingSymbol instanceof Token t ? t : null;
        if (token == null) {
            throw new QatSyntaxError(antlrMessage, sourceMap.pointAtLine(line, charPositionInLine), false);
        }
        boolean atEnd = token.getType() == Token.EOF;
        String message = describe(token) + (atEnd ? unclosed(recognizer) : "") + expected(recognizer, e);
        int start = atEnd ? Math.max(0, token.getStartIndex() - 1) : token.getStartIndex();
        int stop = atEnd ? start : token.getStopIndex();
        throw new QatSyntaxError(message, sourceMap.section(start, stop), atEnd);
    }

    private static String describe(Token token) {
        return switch (token.getType()) {
            case Token.EOF -> "unexpected end of input";
            case QatParser.NEWLINE -> "unexpected end of line";
            case QatParser.UNKNOWN_CHARACTER -> token.getText().equals("\"")
                    ? "unterminated string (a string must end on the line where it starts)"
                    : "unexpected character '" + token.getText() + "'";
            default -> "unexpected '" + token.getText() + "'";
        };
    }

    /** ": the '{' at 3:9 is never closed", naming the innermost bracket still open at the end. */
    private static String unclosed(Recognizer<?, ?> recognizer) {
        if (!(recognizer instanceof Parser parser)) {
            return "";
        }
        TokenStream tokens = parser.getInputStream();
        Deque<Token> open = new ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            switch (token.getType()) {
                case QatParser.LPAREN, QatParser.LBRACK, QatParser.LBRACE, QatParser.BLOCK_OPEN -> open.push(token);
                case QatParser.RPAREN, QatParser.RBRACK, QatParser.RBRACE -> open.poll();
                default -> { }
            }
        }
        Token innermost = open.peek();
        return innermost == null ? ""
                : ": the '" + innermost.getText() + "' at " + innermost.getLine() + ":" + (innermost.getCharPositionInLine() + 1)
                        + " is never closed";
    }

    /** ", expected X or Y" when the parser knows a few tokens that would fit here. */
    private static String expected(Recognizer<?, ?> recognizer, RecognitionException e) {
        if (!(recognizer instanceof Parser parser)) {
            return "";
        }
        IntervalSet expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        List<String> names = new ArrayList<>();
        for (int type : expected.toArray()) {
            String name = parser.getVocabulary().getLiteralName(type);
            if (type == QatParser.IDENT) {
                name = "a name";
            } else if (type == QatParser.BLOCK_OPEN) {
                name = "'{'";
            } else if (name == null) {
                return "";
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        if (names.isEmpty() || names.size() > 4) {
            return "";
        }
        return ", expected " + String.join(" or ", names);
    }
}
