package org.qatlas.stdlib.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/** {@link FileAccess} on the JVM's default file system. */
final class LocalFiles implements FileAccess {
    static final LocalFiles INSTANCE = new LocalFiles();

    private LocalFiles() {
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(Path.of(path));
    }

    @Override
    public boolean isDirectory(String path) {
        return Files.isDirectory(Path.of(path));
    }

    @Override
    public boolean isRegularFile(String path) {
        return Files.isRegularFile(Path.of(path));
    }

    @Override
    public List<String> filesUnder(String folder) throws IOException {
        try (Stream<Path> walk = Files.walk(Path.of(folder))) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .map(Path::toString)
                    .toList();
        }
    }

    /** Mapped, not read into the heap: a 1 GB text costs address space and page cache, shared by every reader. */
    @Override
    public ByteBuffer contents(String file) throws IOException {
        try (FileChannel channel = FileChannel.open(Path.of(file), StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new IOException(file + " is over 2 GB; split it into several files");
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
    }

    @Override
    public InputStream newInputStream(String file) throws IOException {
        return Files.newInputStream(Path.of(file));
    }

    @Override
    public OutputStream newOutputStream(String file) throws IOException {
        Path parent = Path.of(file).toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return Files.newOutputStream(Path.of(file));
    }

    @Override
    public void replace(String source, String target) throws IOException {
        try {
            Files.move(Path.of(source), Path.of(target), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(Path.of(source), Path.of(target), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void deleteIfExists(String file) throws IOException {
        Files.deleteIfExists(Path.of(file));
    }
}
