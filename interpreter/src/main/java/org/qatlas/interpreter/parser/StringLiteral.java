package org.qatlas.interpreter.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of a string token into literal pieces (escapes decoded) and the source of
 * its {@code ${...}} interpolations, with the position of each interpolation in the token.
 */
final class StringLiteral {
    /** A piece of the string: literal text, or an expression's source at a code point offset. */
    record Part(String text, boolean isExpression, int codePointOffset) {
    }

    /** A malformed escape, with the code point offset of its backslash in the token. */
    static final class BadEscape extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int codePointOffset;

        BadEscape(String message, int codePointOffset) {
            super(message, null, false, false);
            this.codePointOffset = codePointOffset;
        }
    }

    private StringLiteral() {
    }

    /** @param token the whole token, quotes included */
    static List<Part> split(String token) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int end = token.length() - 1; // the closing quote
        int i = 1;
        while (i < end) {
            char c = token.charAt(i);
            if (c == '\\') {
                literal.append(escape(token, i));
                i += 2;
            } else if (c == '$' && i + 1 < end && token.charAt(i + 1) == '{') {
                int close = closingBrace(token, i + 2);
                if (literal.length() > 0) {
                    parts.add(new Part(literal.toString(), false, 0));
                    literal.setLength(0);
                }
                parts.add(new Part(token.substring(i + 2, close), true, token.codePointCount(0, i + 2)));
                i = close + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0 || parts.isEmpty()) {
            parts.add(new Part(literal.toString(), false, 0));
        }
        return parts;
    }

    /**
     * The index of the '}' that ends the interpolation whose expression starts at {@code from}:
     * braces inside it nest, and strings inside it (which may hold braces and interpolations
     * of their own) are skipped whole. The lexer has already checked that it exists.
     */
    private static int closingBrace(String token, int from) {
        int depth = 0;
        int i = from;
        while (i < token.length()) {
            char c = token.charAt(i);
            if (c == '"') {
                i = closingQuote(token, i) + 1;
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
            i++;
        }
        return token.length() - 1;
    }

    /** The index of the quote that ends the string literal opening at {@code open}. */
    private static int closingQuote(String token, int open) {
        int i = open + 1;
        while (i < token.length()) {
            char c = token.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '$' && i + 1 < token.length() && token.charAt(i + 1) == '{') {
                i = closingBrace(token, i + 2) + 1;
            } else if (c == '"') {
                return i;
            } else {
                i++;
            }
        }
        return token.length() - 1;
    }

    private static char escape(String token, int backslash) {
        char next = token.charAt(backslash + 1);
        return switch (next) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case '"' -> '"';
            case '\\' -> '\\';
            case '$' -> '$';
            default -> throw new BadEscape("unknown escape '\\" + next + "' (known: \\n \\t \\r \\\" \\\\ \\$)",
                    token.codePointCount(0, backslash));
        };
    }
}
