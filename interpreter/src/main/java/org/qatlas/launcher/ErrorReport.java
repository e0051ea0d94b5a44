package org.qatlas.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/**
 * Turns a {@link PolyglotException} into the text a person reads: where the error is, the
 * offending line with a caret under it, and the chain of calls that led there. A Java stack
 * trace appears only in debug mode, because a user of the language cannot act on one.
 *
 * <p>Everything here is a pure function from an exception (or plain values) to a string, so
 * the launcher and the REPL print the same thing and tests can check it directly.
 */
public final class ErrorReport {

    static final String INTERRUPTED = "interrupted";
    static final String DEBUG_HINT = "(run with --debug for the Java stack trace)";

    /** Deep recursion would otherwise print thousands of call lines; keep both ends. */
    static final int FRAMES_SHOWN_AT_TOP = 20;
    static final int FRAMES_SHOWN_AT_BOTTOM = 5;

    /** A place in a source: 1-based line and column, and how many characters it spans there. */
    public record Location(String sourceName, int line, int column, int length, String lineText) {
    }

    /** One call on the way to the error: the function's name and where it was executing. */
    public record Frame(String name, Location location) {
    }

    private ErrorReport() {
    }

    /** The report for an error; ends without a newline. */
    public static String format(PolyglotException error, boolean debug) {
        if (error.isCancelled() || error.isInterrupted()) {
            return INTERRUPTED;
        }
        String report;
        if (isUserFacing(error)) {
            report = formatUserError(error);
        } else {
            report = "qat: internal error: " + messageOf(error);
            if (!debug) {
                report += "\n" + DEBUG_HINT;
            }
        }
        if (debug) {
            report += "\n" + javaStackTrace(error);
        }
        return report;
    }

    /**
     * Errors the program's author caused (a wrong name, a bad argument, a syntax error, too deep
     * a recursion) as opposed to bugs in the interpreter or in host code.
     */
    static boolean isUserFacing(PolyglotException error) {
        if (error.isSyntaxError() || error.isResourceExhausted()) {
            return true;
        }
        return error.isGuestException() && !error.isInternalError();
    }

    private static String formatUserError(PolyglotException error) {
        List<Frame> frames = guestFrames(error);
        Location where = locationOf(error.getSourceLocation());
        if (where == null && !frames.isEmpty()) {
            // Some errors carry no location of their own; the innermost frame still knows
            // which statement was running.
            where = frames.getFirst().location();
        }
        if (where == null) {
            return "qat: " + messageOf(error);
        }
        List<Frame> callers = frames;
        if (!frames.isEmpty() && sameLine(frames.getFirst().location(), where)) {
            callers = frames.subList(1, frames.size());
        }
        return formatGuestError(messageOf(error), where, callers);
    }

    /**
     * The full report for an error at a known place: the pointer at the source (see
     * {@link #pointAt}) followed by one {@code at NAME (FILE:LINE:COL)} line per caller,
     * innermost first.
     */
    public static String formatGuestError(String message, Location where, List<Frame> callers) {
        StringBuilder report = new StringBuilder(pointAt(where.sourceName(), where.lineText(),
                where.line(), where.column(), where.length(), message));
        for (String line : callChain(callers)) {
            report.append('\n').append(line);
        }
        return report.toString();
    }

    /**
     * Three lines: {@code FILE:LINE:COL: MESSAGE}, the source line, and a caret line that marks
     * {@code length} characters from {@code column} (at least one). Without the source text only
     * the first line is produced.
     */
    public static String pointAt(String sourceName, String lineText, int line, int column, int length,
            String message) {
        StringBuilder report = new StringBuilder()
                .append(sourceName).append(':').append(line).append(':').append(column)
                .append(": ").append(message);
        if (lineText == null) {
            return report.toString();
        }
        String text = stripLineEnd(lineText);
        report.append('\n').append(text).append('\n');
        int start = Math.max(1, column);
        for (int i = 0; i < start - 1; i++) {
            // Copy tabs so the caret lines up however wide the terminal draws them.
            report.append(i < text.length() && text.charAt(i) == '\t' ? '\t' : ' ');
        }
        int available = Math.max(1, text.length() - (start - 1));
        report.append("^".repeat(Math.clamp(length, 1, available)));
        return report.toString();
    }

    private static List<String> callChain(List<Frame> callers) {
        List<String> lines = collapseRepeats(callers.stream()
                .map(frame -> "  at " + frame.name() + " (" + frame.location().sourceName() + ":"
                        + frame.location().line() + ":" + frame.location().column() + ")")
                .toList());
        int total = lines.size();
        if (total <= FRAMES_SHOWN_AT_TOP + FRAMES_SHOWN_AT_BOTTOM + 1) {
            return lines;
        }
        List<String> shortened = new ArrayList<>(lines.subList(0, FRAMES_SHOWN_AT_TOP));
        shortened.add("  ... " + (total - FRAMES_SHOWN_AT_TOP - FRAMES_SHOWN_AT_BOTTOM) + " more calls ...");
        shortened.addAll(lines.subList(total - FRAMES_SHOWN_AT_BOTTOM, total));
        return shortened;
    }

    /** Recursion repeats one call line many times; say so once instead. */
    private static List<String> collapseRepeats(List<String> lines) {
        List<String> collapsed = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            int end = i + 1;
            while (end < lines.size() && lines.get(end).equals(lines.get(i))) {
                end++;
            }
            collapsed.add(lines.get(i));
            int repeats = end - i - 1;
            if (repeats == 1) {
                collapsed.add(lines.get(i));
            } else if (repeats > 1) {
                collapsed.add("  ... the same call " + repeats + " more times");
            }
            i = end;
        }
        return collapsed;
    }

    /** The guest frames that know where they are, innermost first. */
    static List<Frame> guestFrames(PolyglotException error) {
        List<Frame> frames = new ArrayList<>();
        for (PolyglotException.StackFrame frame : error.getPolyglotStackTrace()) {
            if (!frame.isGuestFrame()) {
                continue;
            }
            Location location = locationOf(frame.getSourceLocation());
            if (location != null) {
                frames.add(new Frame(displayName(frame.getRootName()), location));
            }
        }
        return frames;
    }

    private static String displayName(String rootName) {
        return rootName == null || rootName.isBlank() ? "<top level>" : rootName;
    }

    static Location locationOf(SourceSection section) {
        if (section == null || !section.isAvailable() || !section.hasLines()) {
            return null;
        }
        int line = section.getStartLine();
        int column = section.hasColumns() ? section.getStartColumn() : 1;
        String lineText = null;
        if (section.getSource().hasCharacters() && line <= section.getSource().getLineCount()) {
            lineText = section.getSource().getCharacters(line).toString();
        }
        int length;
        if (!section.hasColumns()) {
            length = lineText == null ? 1 : lineText.length();
        } else if (section.getEndLine() == line) {
            length = section.getEndColumn() - column + 1;
        } else {
            length = lineText == null ? 1 : lineText.length() - column + 1;
        }
        return new Location(section.getSource().getName(), line, column, Math.max(1, length), lineText);
    }

    private static boolean sameLine(Location a, Location b) {
        return a.sourceName().equals(b.sourceName()) && a.line() == b.line();
    }

    private static String messageOf(PolyglotException error) {
        String message = error.getMessage();
        if (error.isHostException()) {
            Throwable host = error.asHostException();
            message = host.getMessage() == null ? host.getClass().getName()
                    : host.getClass().getSimpleName() + ": " + host.getMessage();
        }
        return message == null || message.isBlank() ? "unknown error" : message;
    }

    private static String stripLineEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }

    static String javaStackTrace(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return trace.toString().stripTrailing();
    }
}
