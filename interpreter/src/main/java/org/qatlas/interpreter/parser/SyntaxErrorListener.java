package org.qatlas.interpreter.parser;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
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
        String message = describe(token) + expected(recognizer, e);
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
