package org.qatlas.stdlib.table;

/**
 * A table could not be read or written. The message is written for the person running the
 * program and always starts with the file ("runs/x.csv:7: 5 cells but the header has 4
 * columns"), so it can be shown as it is.
 *
 * <p>Unchecked, like the rest of the standard library's errors: the interpreter turns any of
 * them into a Qatlas error at the call site, and Java callers rarely have a better recovery
 * than showing the message. The underlying {@link java.io.IOException} or parser error, when
 * there is one, is the cause.
 */
public final class TableFileException extends RuntimeException {
    /** An error with nothing underneath it (a bad value, a bad shape). */
    public TableFileException(String message) {
        super(message);
    }

    /** An error caused by a failed read or write, or a parser's complaint. */
    public TableFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
