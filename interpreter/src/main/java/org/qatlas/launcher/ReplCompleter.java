package org.qatlas.launcher;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.jline.builtins.Completers.FileNameCompleter;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion in the REPL. Offers what the session knows right now: the names bound in the
 * context (the user's and the built-ins), the keywords, the {@code :commands}, the fields of
 * a value after a '.', and file names after {@code :load}.
 */
final class ReplCompleter implements Completer {

    static final List<String> KEYWORDS = List.of("import", "as", "fn", "law", "return", "if",
            "else", "for", "in", "with", "and", "or", "not", "true", "false", "none");

    private final Context context;
    private final Completer fileNames = new FileNameCompleter();

    ReplCompleter(Context context) {
        this.context = context;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word().substring(0, line.wordCursor());
        if (ReplCommand.isCommand(line.line())) {
            completeCommand(reader, line, word, candidates);
            return;
        }
        int dot = word.lastIndexOf('.');
        if (dot >= 0) {
            completeMembers(word.substring(0, dot), candidates);
        } else {
            completeNames(candidates);
        }
    }

    private void completeCommand(LineReader reader, ParsedLine line, String word, List<Candidate> candidates) {
        if (line.wordIndex() == 0) {
            for (String name : ReplCommand.NAMES) {
                candidates.add(new Candidate(name, name, "commands", null, null, null, true));
            }
        } else if (line.wordIndex() == 1 && line.words().getFirst().equals(ReplCommand.LOAD)) {
            fileNames.complete(reader, line, candidates);
        }
    }

    private void completeNames(List<Candidate> candidates) {
        for (String keyword : KEYWORDS) {
            candidates.add(new Candidate(keyword, keyword, "keywords", null, null, null, true));
        }
        for (String name : boundNames()) {
            // Not "complete": the user usually goes on with '(' or '.', not a space.
            candidates.add(new Candidate(name, name, "names", null, null, null, false));
        }
    }

    /** Fields of {@code owner} (a dotted name such as {@code run.config}), offered in full. */
    private void completeMembers(String owner, List<Candidate> candidates) {
        Value value = lookUp(owner);
        if (value == null) {
            return;
        }
        for (String member : memberNames(value)) {
            candidates.add(new Candidate(owner + "." + member, member, "fields", null, null, null, false));
        }
    }

    private Set<String> boundNames() {
        try {
            return memberNames(context.getBindings(QatContexts.LANGUAGE));
        } catch (PolyglotException | IllegalStateException e) {
            return Set.of(); // a closed or busy context has nothing to offer
        }
    }

    /**
     * The value a dotted name refers to, or null. Reading fields only, never calling
     * anything: completion must not run user code.
     */
    private Value lookUp(String dottedName) {
        try {
            Value value = context.getBindings(QatContexts.LANGUAGE);
            for (String part : dottedName.split("\\.", -1)) {
                if (part.isEmpty() || !value.hasMembers() || !value.hasMember(part)) {
                    return null;
                }
                value = value.getMember(part);
            }
            return value;
        } catch (PolyglotException | IllegalStateException e) {
            return null;
        }
    }

    private static Set<String> memberNames(Value value) {
        return value.hasMembers() ? new TreeSet<>(value.getMemberKeys()) : Set.of();
    }
}
