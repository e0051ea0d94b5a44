package org.qatlas.interpreter;

import com.oracle.truffle.api.TruffleFile;
import com.oracle.truffle.api.TruffleLanguage.Env;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.InvalidPathException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.io.FileAccessRefused;

/**
 * The files a context's built-ins may touch: every access goes through the language
 * environment's file system, so the embedding program's IO policy decides (none at all for
 * {@code Context.create("qat")}, everything for the {@code qat} command, or a file system of
 * its own). Relative paths resolve against the context's working directory. A refused access
 * becomes {@link FileAccessRefused}.
 */
final class ContextFiles implements FileAccess {
    private final Env env;

    ContextFiles(Env env) {
        this.env = env;
    }

    private TruffleFile file(String path) {
        try {
            return env.getPublicTruffleFile(path);
        } catch (SecurityException | UnsupportedOperationException e) {
            throw new FileAccessRefused(path);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path: \"" + path + "\" (" + e.getReason() + ")");
        }
    }

    /** One access of the file system; the environment refuses it with a SecurityException. */
    private interface Access<T> {
        T run(TruffleFile file) throws IOException;
    }

    private <T> T access(String path, Access<T> access) throws IOException {
        try {
            return access.run(file(path));
        } catch (SecurityException e) {
            throw new FileAccessRefused(path);
        }
    }

    /** For the tests that cannot fail with an IOException, only be refused. */
    private boolean test(String path, Predicate<TruffleFile> test) {
        try {
            return test.test(file(path));
        } catch (SecurityException e) {
            throw new FileAccessRefused(path);
        }
    }

    @Override
    public boolean exists(String path) {
        return test(path, file -> file.exists());
    }

    @Override
    public boolean isDirectory(String path) {
        return test(path, file -> file.isDirectory());
    }

    @Override
    public boolean isRegularFile(String path) {
        return test(path, file -> file.isRegularFile());
    }

    @Override
    public List<String> filesUnder(String folder) throws IOException {
        return access(folder, top -> {
            List<TruffleFile> found = new ArrayList<>();
            collect(top, found);
            found.sort(Comparator.comparing(TruffleFile::getPath));
            return found.stream().map(TruffleFile::getPath).toList();
        });
    }

    private static void collect(TruffleFile file, List<TruffleFile> found) throws IOException {
        if (file.isRegularFile()) {
            found.add(file);
        } else if (file.isDirectory()) {
            for (TruffleFile child : file.list()) {
                if (!child.getName().startsWith(".")) {
                    collect(child, found);
                }
            }
        }
    }

    /**
     * Read through the file system's channel into memory outside the heap. Not mapped: the
     * environment hands out channels of its own (an embedder's file system may have no file
     * behind them), so a text costs its size in memory, once per context that opens it.
     */
    @Override
    public ByteBuffer contents(String path) throws IOException {
        return access(path, file -> {
            try (SeekableByteChannel channel = file.newByteChannel(Set.of(StandardOpenOption.READ))) {
                long size = channel.size();
                if (size > Integer.MAX_VALUE) {
                    throw new IOException(path + " is over 2 GB; split it into several files");
                }
                ByteBuffer buffer = ByteBuffer.allocateDirect((int) size);
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // until full, or the file ends early (it shrank while being read)
                }
                buffer.flip();
                return buffer.asReadOnlyBuffer();
            }
        });
    }

    @Override
    public InputStream newInputStream(String path) throws IOException {
        return access(path, file -> file.newInputStream());
    }

    @Override
    public OutputStream newOutputStream(String path) throws IOException {
        return access(path, file -> {
            TruffleFile parent = file.getAbsoluteFile().getParent();
            if (parent != null && !parent.exists()) {
                parent.createDirectories();
            }
            return file.newOutputStream();
        });
    }

    @Override
    public void replace(String source, String target) throws IOException {
        TruffleFile to = file(target);
        access(source, from -> {
            try {
                from.move(to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                from.move(to, StandardCopyOption.REPLACE_EXISTING);
            }
            return null;
        });
    }

    @Override
    public void deleteIfExists(String path) throws IOException {
        access(path, file -> {
            if (file.exists()) {
                file.delete();
            }
            return null;
        });
    }
}
