package org.qatlas.interpreter.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleStackTrace;
import com.oracle.truffle.api.TruffleStackTraceElement;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.SourceSection;

/**
 * An error in a Qatlas program: a wrong type, a missing name, a bad argument. It carries the
 * node where it happened, so that it can be reported as {@code file:line:col} with the call
 * chain that led there. Errors raised inside a built-in, which has no source of its own, are
 * reported at the call in the script that reached the built-in.
 */
@ExportLibrary(InteropLibrary.class)
public final class QatException extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;
    /** Deep recursion would otherwise capture thousands of frames; the innermost are enough. */
    private static final int STACK_LIMIT = 40;

    @TruffleBoundary
    public QatException(String message, Node location) {
        super(message, null, STACK_LIMIT, location);
    }

    /** An error whose message describes each value by type and content: "a string (\"x\")". */
    @TruffleBoundary
    public static QatException typeError(Node location, String format, Object... values) {
        Object[] described = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            described[i] = Values.describe(values[i]);
        }
        return new QatException(String.format(format, described), location);
    }

    @ExportMessage
    @TruffleBoundary
    boolean hasSourceLocation() {
        return sourceLocation() != null;
    }

    @ExportMessage(name = "getSourceLocation")
    @TruffleBoundary
    SourceSection exportedSourceLocation() throws com.oracle.truffle.api.interop.UnsupportedMessageException {
        SourceSection section = sourceLocation();
        if (section == null) {
            throw com.oracle.truffle.api.interop.UnsupportedMessageException.create();
        }
        return section;
    }

    /** Where the error happened: the node's own section, else the nearest call in the script. */
    @TruffleBoundary
    public SourceSection sourceLocation() {
        Node location = getLocation();
        SourceSection own = location == null ? null : location.getEncapsulatingSourceSection();
        if (own != null) {
            return own;
        }
        for (TruffleStackTraceElement element : TruffleStackTrace.getStackTrace(this)) {
            Node callSite = element.getLocation();
            SourceSection section = callSite == null ? null : callSite.getEncapsulatingSourceSection();
            if (section != null) {
                return section;
            }
        }
        return null;
    }
}
