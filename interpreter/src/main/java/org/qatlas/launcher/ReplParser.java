package org.qatlas.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * How the REPL's line reader understands a buffer. On Enter it asks whether the input is a
 * complete statement; if not it throws {@link EOFError}, which makes JLine add a line and show
 * the continuation prompt. For completion it finds the word under the cursor: a dotted name in
 * code ({@code model.pa}), a whitespace-separated word in a {@code :command} line.
 */
final class ReplParser implements Parser {

    private static final Pattern NON_BLANK = Pattern.compile("\\S+");

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        boolean decidingWhetherToAccept = context == ParseContext.ACCEPT_LINE
                || context == ParseContext.SECONDARY_PROMPT;
        if (decidingWhetherToAccept && !ReplCommand.isCommand(line)) {
            InputCompleteness.Scan scan = InputCompleteness.scan(line);
            if (!scan.isComplete()) {
                throw new EOFError(-1, -1, "incomplete input", null, scan.openBrackets(), null);
            }
        }
        return ReplCommand.isCommand(line) ? commandWord(line, cursor) : codeWord(line, cursor);
    }

    /** Backslashes belong to the language (string escapes); JLine must leave them alone. */
    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    /** The dotted name around the cursor, e.g. {@code tiny.fl} in {@code print(tiny.fl)}. */
    static Word codeWord(String line, int cursor) {
        int start = cursor;
        while (start > 0 && isNameCharacter(line.charAt(start - 1), true)) {
            start--;
        }
        int end = cursor;
        while (end < line.length() && isNameCharacter(line.charAt(end), false)) {
            end++;
        }
        String word = line.substring(start, end);
        return new Word(line, cursor, List.of(word), 0, start);
    }

    /** Whitespace-separated words, as a shell would split {@code :load runs/a.qat}. */
    static Word commandWord(String line, int cursor) {
        List<String> words = new ArrayList<>();
        int wordIndex = -1;
        int wordStart = cursor;
        Matcher word = NON_BLANK.matcher(line);
        while (word.find()) {
            if (wordIndex < 0 && word.start() <= cursor && cursor <= word.end()) {
                wordIndex = words.size();
                wordStart = word.start();
            } else if (wordIndex < 0 && cursor < word.start()) {
                wordIndex = words.size(); // the cursor sits between words: an empty new one
                words.add("");
            }
            words.add(word.group());
        }
        if (wordIndex < 0) {
            wordIndex = words.size();
            words.add("");
        }
        return new Word(line, cursor, words, wordIndex, wordStart);
    }

    private static boolean isNameCharacter(char ch, boolean dotAllowed) {
        return Character.isLetterOrDigit(ch) || ch == '_' || (dotAllowed && ch == '.');
    }

    /** The parsed line JLine completes on: the word under the cursor and where it starts. */
    record Word(String line, int cursor, List<String> words, int wordIndex, int wordStart)
            implements CompletingParsedLine {

        @Override
        public String word() {
            return words.get(wordIndex);
        }

        @Override
        public int wordCursor() {
            return cursor - wordStart;
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor();
        }

        @Override
        public int rawWordLength() {
            return word().length();
        }
    }
}
