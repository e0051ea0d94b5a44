package org.qatlas.stdlib.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.text.NumberText;
import org.qatlas.stdlib.value.Fields;

/**
 * Any UTF-8 text file, or every file under a folder, as byte tokens (vocabulary 256), read
 * through a {@link FileAccess}: never into the Java heap (on the local file system the files
 * are memory-mapped, so a 1 GB corpus costs address space and page cache).
 */
public final class Corpus extends SplitTokenData {
    private final FileAccess files;
    private final String path;
    private final double holdout;
    private final long seed;
    /** The text's size and a hash of bytes sampled across it: part of a run's identity. */
    private final String contents;

    private Corpus(FileAccess files, String path, double holdout, long seed, ByteSplit split, String contents) {
        super(split);
        this.files = files;
        this.path = path;
        this.holdout = holdout;
        this.seed = seed;
        this.contents = contents;
    }

    /** {@code corpus(path, holdout:, seed:)} from a script's arguments, read through {@code files}; null is the default. */
    public static Corpus of(FileAccess files, Object path, Object holdout, Object seed) {
        return open(files, Fields.string("corpus", "path", path),
                holdout == null ? 0.05 : Fields.number("corpus", "holdout", holdout),
                seed == null ? 0 : Fields.wholeNumber("corpus", "seed", seed));
    }

    /** A text on the local file system; see {@link #open(FileAccess, String, double, long)}. */
    public static Corpus open(Path path, double holdout, long seed) {
        return open(FileAccess.local(), path.toString(), holdout, seed);
    }

    /**
     * @param path a file, or a folder whose files (at any depth, hidden ones skipped) are read in path order
     * @param holdout the share of the text held out for evaluation, 0 to 0.5; with 0 runs on
     *     this text have no held-out loss
     * @param seed chooses which blocks are held out
     */
    public static Corpus open(FileAccess files, String path, double holdout, long seed) {
        if (path.isBlank()) {
            // Path.of("") is the working folder: a blank path would read every file there.
            throw new IllegalArgumentException("corpus: the path is empty; name a text file or a folder of them");
        }
        if (!(holdout >= 0 && holdout <= 0.5)) {
            throw new IllegalArgumentException("corpus: holdout must be between 0 and 0.5, not " + NumberText.format(holdout));
        }
        if (!files.exists(path)) {
            throw new IllegalArgumentException("corpus: no such file or folder: " + path);
        }
        List<ByteBuffer> buffers = new ArrayList<>();
        for (String file : files(files, path)) {
            ByteBuffer contents = read(files, file);
            if (contents.limit() > 0) {
                buffers.add(contents);
            }
        }
        if (buffers.isEmpty()) {
            throw new IllegalArgumentException("corpus: " + path + " holds no text");
        }
        return new Corpus(files, path, holdout, seed, new ByteSplit(buffers, holdout, seed), contents(buffers));
    }

    /**
     * "208695 bytes, sample 3f2a...": the total size and an FNV-1a hash of about 4096 bytes
     * spread over the text. Cheap for a gigabyte, and it changes when the text changes size or,
     * very likely, content, so a run store does not answer for an edited corpus.
     */
    private static String contents(List<ByteBuffer> buffers) {
        long total = 0;
        for (ByteBuffer buffer : buffers) {
            total += buffer.limit();
        }
        long stride = Math.max(1, total / 4096);
        long hash = 0xcbf29ce484222325L;
        long offset = 0;
        for (ByteBuffer buffer : buffers) {
            long first = (stride - offset % stride) % stride;
            for (long i = first; i < buffer.limit(); i += stride) {
                hash = (hash ^ (buffer.get((int) i) & 0xff)) * 0x100000001b3L;
            }
            offset += buffer.limit();
        }
        return total + " bytes, sample " + java.util.HexFormat.of().toHexDigits(hash);
    }

    private static List<String> files(FileAccess files, String path) {
        if (files.isRegularFile(path)) {
            return List.of(path);
        }
        try {
            return files.filesUnder(path);
        } catch (IOException e) {
            throw new UncheckedIOException("corpus: cannot list " + path + ": " + e.getMessage(), e);
        }
    }

    private static ByteBuffer read(FileAccess files, String file) {
        try {
            return files.contents(file);
        } catch (IOException e) {
            throw new UncheckedIOException("corpus: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int vocab() {
        return 256;
    }

    @Override
    public String kind() {
        return "corpus";
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("path", path);
        fields.put("holdout", holdout);
        fields.put("seed", seed);
        fields.put("vocab", 256L);
        fields.put("train_tokens", trainTokens());
        fields.put("heldout_tokens", heldOutTokens());
        return fields;
    }

    @Override
    public Corpus with(Map<String, Object> changes) {
        Fields.checkNames("corpus", changes, List.of("path", "holdout", "seed"));
        Map<String, Object> merged = fields();
        merged.putAll(changes);
        return of(files, merged.get("path"), merged.get("holdout"), merged.get("seed"));
    }

    @Override
    public String describe() {
        return "corpus(\"" + path + "\", holdout: " + NumberText.format(holdout) + ", seed: " + seed + "; " + contents + ")";
    }
}
