package org.qatlas.stdlib.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Any UTF-8 text file, or every file under a folder, as byte tokens (vocabulary 256). Files
 * are memory-mapped, not read into the heap: a 1 GB corpus costs address space and page
 * cache, which every copy of it shares.
 */
public final class Corpus implements TokenData {
    private final Path path;
    private final double holdout;
    private final ByteSplit split;

    private Corpus(Path path, double holdout, ByteSplit split) {
        this.path = path;
        this.holdout = holdout;
        this.split = split;
    }

    /**
     * @param holdout the share of the text held out for evaluation, 0 to 0.5
     * @param seed chooses which blocks are held out
     */
    public static Corpus open(Path path, double holdout, long seed) {
        if (!(holdout >= 0 && holdout <= 0.5)) {
            throw new IllegalArgumentException("corpus: holdout must be between 0 and 0.5, not " + holdout);
        }
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("corpus: no such file or folder: " + path);
        }
        List<ByteBuffer> buffers = new ArrayList<>();
        for (Path file : files(path)) {
            ByteBuffer mapped = map(file);
            if (mapped.limit() > 0) {
                buffers.add(mapped);
            }
        }
        if (buffers.isEmpty()) {
            throw new IllegalArgumentException("corpus: " + path + " holds no text");
        }
        return new Corpus(path, holdout, new ByteSplit(buffers, holdout, seed));
    }

    private static List<Path> files(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("corpus: cannot list " + path, e);
        }
    }

    private static ByteBuffer map(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("corpus: " + file + " is over 2 GB; split it into several files");
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (IOException e) {
            throw new UncheckedIOException("corpus: cannot read " + file, e);
        }
    }

    @Override
    public int vocab() {
        return 256;
    }

    @Override
    public long trainTokens() {
        return split.trainTokens();
    }

    @Override
    public long heldOutTokens() {
        return split.heldOutTokens();
    }

    @Override
    public void sample(SplittableRandom random, boolean heldOut, int[][] windows) {
        if (split.isEmpty(heldOut)) {
            throw new IllegalStateException("corpus: " + path + " has no " + (heldOut ? "held-out" : "training")
                    + " text (holdout " + holdout + ")");
        }
        split.sample(random, heldOut, windows);
    }

    @Override
    public String describe() {
        return "corpus(\"" + path + "\", holdout: " + holdout + ")";
    }
}
