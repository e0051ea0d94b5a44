package org.qatlas.stdlib.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The files the library's built-ins read and write, named by path strings. Java programs use
 * {@link #local()}, the JVM's own file system; the interpreter passes one that goes through
 * the language environment, so that an embedding program's IO policy decides what a script
 * may touch. An access the policy forbids throws {@link FileAccessRefused}.
 */
public interface FileAccess {

    /** The JVM's own file system, with the process's permissions. */
    static FileAccess local() {
        return LocalFiles.INSTANCE;
    }

    boolean exists(String path);

    boolean isDirectory(String path);

    boolean isRegularFile(String path);

    /** The regular files at any depth under a folder, skipping names that start with '.', in path order. */
    List<String> filesUnder(String folder) throws IOException;

    /** A file's bytes as a read-only buffer; memory-mapped where the file system allows it. */
    ByteBuffer contents(String file) throws IOException;

    InputStream newInputStream(String file) throws IOException;

    /** Writes a file from its start, replacing it, after creating missing parent folders. */
    OutputStream newOutputStream(String file) throws IOException;

    /** Moves source over target, atomically where the file system can, so readers never see half a file. */
    void replace(String source, String target) throws IOException;

    void deleteIfExists(String file) throws IOException;

    /**
     * A name beside {@code file} for writing it in two steps (write, then {@link #replace}):
     * unique to this process and call, so two processes writing the same file never write
     * into each other's temporary.
     */
    static String temporarySibling(String file) {
        long random = java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 1;
        return file + "." + ProcessHandle.current().pid() + "-" + Long.toString(random, 36) + ".partial";
    }

    /**
     * Removes a temporary left by a failed write, if it can: the write's failure is what gets
     * reported, so a failure here is not.
     */
    static void deleteQuietly(FileAccess files, String temporary) {
        try {
            files.deleteIfExists(temporary);
        } catch (IOException | RuntimeException e) {
            // left for the user; the failed write is already being reported
        }
    }
}
