package org.qatlas.interpreter.runtime;

import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.SourceSection;

/**
 * A script that does not parse. It points at the offending text; when the text simply ended
 * too early (an open bracket, a dangling operator) it says so, which lets a REPL ask for
 * another line instead of reporting an error.
 */
@ExportLibrary(InteropLibrary.class)
public final class QatSyntaxError extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;
    private final transient SourceSection section;
    private final boolean incomplete;

    public QatSyntaxError(String message, SourceSection section, boolean incomplete) {
        super(message);
        this.section = section;
        this.incomplete = incomplete;
    }

    private QatSyntaxError(String message, SourceSection section, Node raisedAt) {
        super(message, null, UNLIMITED_STACK_TRACE, raisedAt);
        this.section = section;
        this.incomplete = false;
    }

    /**
     * The same error, raised by the {@code import} at {@code importNode} that loads the broken
     * module: it still points at the module's text, but the call chain now shows which import
     * led there, and it is never "incomplete", since the input that ran is complete.
     */
    public QatSyntaxError raisedAt(Node importNode) {
        return new QatSyntaxError(getMessage(), section, importNode);
    }

    public SourceSection section() {
        return section;
    }

    @ExportMessage
    ExceptionType getExceptionType() {
        return ExceptionType.PARSE_ERROR;
    }

    @ExportMessage
    boolean isExceptionIncompleteSource() {
        return incomplete;
    }

    @ExportMessage
    boolean hasSourceLocation() {
        return section != null;
    }

    @ExportMessage(name = "getSourceLocation")
    SourceSection exportedSourceLocation() throws com.oracle.truffle.api.interop.UnsupportedMessageException {
        if (section == null) {
            throw com.oracle.truffle.api.interop.UnsupportedMessageException.create();
        }
        return section;
    }
}
