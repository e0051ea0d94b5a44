package org.qatlas.stdlib.plot;

/**
 * A chart could not be built or written: no data, a log axis over non-positive values, an
 * unknown file extension, a failed write. The message is written for the person running the
 * program. Unchecked, like the rest of the standard library's errors.
 */
public final class ChartException extends RuntimeException {
    /** An error with nothing underneath it. */
    public ChartException(String message) {
        super(message);
    }

    /** An error caused by a failed write. */
    public ChartException(String message, Throwable cause) {
        super(message, cause);
    }
}
