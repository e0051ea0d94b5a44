package org.qatlas.stdlib.io;

/**
 * A file access that the environment forbids: a sandboxed context asked to read or write a
 * file. Unchecked, so that it passes through the code that turns ordinary IO failures into
 * "cannot read" messages and reaches the script as what it is.
 */
public final class FileAccessRefused extends RuntimeException {
    public FileAccessRefused(String path) {
        super("access to " + path + " is not allowed: this context has no permission to read or write files "
                + "(the embedding program's IO policy decides)");
    }
}
