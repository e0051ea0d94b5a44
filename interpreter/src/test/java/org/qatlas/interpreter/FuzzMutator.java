package org.qatlas.interpreter;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Breaks working scripts in small random ways: characters and tokens deleted, duplicated,
 * swapped or inserted, brackets, operators and quotes dropped in, numbers replaced by edge
 * values, the text cut short. The results are mostly almost-valid programs, which reach the
 * corners of the lexer, the parser and the error reporting that valid programs never touch.
 */
final class FuzzMutator {
    /** Words, numbers, strings, runs of blanks and single other characters. */
    private static final Pattern TOKEN = Pattern.compile(
            "[A-Za-z_][A-Za-z_0-9]*|[0-9][0-9_.]*(?:[eE][+-]?[0-9]+)?[KMBT]?|\"(?:\\\\.|[^\"\\\\\\n])*\"|[ \\t]+|\\n|.",
            Pattern.DOTALL);

    private static final String[] INSERTIONS = {
        "(", ")", "[", "]", "{", "}", "\"", "${", "$", "\\", ",", ":", ";", ".", "->", "=", "==", "+", "-", "*", "/",
        "%", "^", "<", "not ", " and ", " or ", " in ", " with ", "fn ", "return ", "if ", "else ", "for ", "import ",
        "\n", "#", "none", "1T", "0", "1e999", "9223372036854775807", "x", "é", "\t", "'", "@", "\u0000",
    };

    private static final String[] NUMBERS = {
        "0", "-1", "1e308", "1e-320", "9223372036854775807", "9223372036854775808", "1T", "0.0", "1e9999", "3B",
    };

    private final Random random;

    FuzzMutator(Random random) {
        this.random = random;
    }

    /** {@code source} with one to three mutations applied. */
    String mutate(String source) {
        String result = source;
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count && !result.isEmpty(); i++) {
            result = mutateOnce(result);
        }
        return result;
    }

    private String mutateOnce(String source) {
        return switch (random.nextInt(11)) {
            case 0 -> deleteCharacter(source);
            case 1 -> duplicateCharacter(source);
            case 2 -> swapCharacters(source);
            case 3, 4 -> insert(source, INSERTIONS[random.nextInt(INSERTIONS.length)]);
            case 5 -> tokens(source, TokenEdit.DELETE);
            case 6 -> tokens(source, TokenEdit.DUPLICATE);
            case 7 -> tokens(source, TokenEdit.SWAP);
            case 8 -> tokens(source, TokenEdit.REPLACE_NUMBER);
            case 9 -> source.substring(0, random.nextInt(source.length())); // truncated
            default -> deleteLine(source);
        };
    }

    private String deleteCharacter(String source) {
        int at = random.nextInt(source.length());
        return source.substring(0, at) + source.substring(at + 1);
    }

    private String duplicateCharacter(String source) {
        int at = random.nextInt(source.length());
        return source.substring(0, at + 1) + source.substring(at);
    }

    private String swapCharacters(String source) {
        if (source.length() < 2) {
            return source;
        }
        int at = random.nextInt(source.length() - 1);
        return source.substring(0, at) + source.charAt(at + 1) + source.charAt(at) + source.substring(at + 2);
    }

    private String insert(String source, String text) {
        int at = random.nextInt(source.length() + 1);
        return source.substring(0, at) + text + source.substring(at);
    }

    private String deleteLine(String source) {
        String[] lines = source.split("\n", -1);
        int drop = random.nextInt(lines.length);
        List<String> kept = new ArrayList<>(List.of(lines));
        kept.remove(drop);
        return String.join("\n", kept);
    }

    private enum TokenEdit { DELETE, DUPLICATE, SWAP, REPLACE_NUMBER }

    /** Edits one token, chosen among those that are not white space. */
    private String tokens(String source, TokenEdit edit) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(source);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            boolean blank = token.isBlank();
            boolean number = Character.isDigit(token.charAt(0));
            if (edit == TokenEdit.REPLACE_NUMBER ? number : !blank) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return source;
        }
        int index = candidates.get(random.nextInt(candidates.size()));
        switch (edit) {
            case DELETE -> tokens.remove(index);
            case DUPLICATE -> tokens.add(index, tokens.get(index));
            case SWAP -> {
                int other = candidates.get(random.nextInt(candidates.size()));
                String token = tokens.get(index);
                tokens.set(index, tokens.get(other));
                tokens.set(other, token);
            }
            case REPLACE_NUMBER -> tokens.set(index, NUMBERS[random.nextInt(NUMBERS.length)]);
        }
        return String.join("", tokens);
    }
}
