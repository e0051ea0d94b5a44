package org.qatlas.stdlib.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.text.NumberText;
import org.qatlas.stdlib.value.FieldTable;
import org.qatlas.stdlib.value.FieldTable.Computed;
import org.qatlas.stdlib.value.FieldTable.Field;
import org.qatlas.stdlib.value.FieldTable.Type;
import org.qatlas.stdlib.value.TableValue;

/**
 * Any UTF-8 text file, or every file under a folder, as byte tokens (vocabulary 256), read
 * through a {@link FileAccess}: never into the Java heap (on the local file system the files
 * are memory-mapped, so a 1 GB corpus costs address space and page cache). A path
 * {@code builtin:NAME} names one of the {@link BuiltinTexts} instead, which needs no file access.
 */
public final class Corpus extends SplitTokenData implements TableValue<Corpus> {
    private static final Field<Corpus, String> PATH = Field.required("path", Type.STRING, (Corpus c) -> c.path);
    private static final Field<Corpus, Double> HOLDOUT = Field.of("holdout", Type.NUMBER, 0.05, (Corpus c) -> c.holdout)
            .check(h -> h >= 0 && h <= 0.5, "must be between 0 and 0.5");
    private static final Field<Corpus, Long> SEED = Field.of("seed", Type.WHOLE, 0L, (Corpus c) -> c.seed);

    private final FieldTable<Corpus> table;
    private final String path;
    private final double holdout;
    private final long seed;
    /**
     * The text's size and a hash of bytes sampled across it (of all its bytes for a built-in
     * text): part of a run's identity.
     */
    private final String contents;

    private Corpus(FieldTable<Corpus> table, String path, double holdout, long seed, ByteSplit split, String contents) {
        super(split);
        this.table = table;
        this.path = path;
        this.holdout = holdout;
        this.seed = seed;
        this.contents = contents;
    }

    /**
     * The settings of {@code corpus(path, holdout:, seed:)}, whose texts are read through
     * {@code files}: the files a script may read depend on its context, so each context has its
     * own table, and a corpus keeps the table it was made by for {@code with}. The vocabulary and
     * the sizes of the two parts follow from the text.
     */
    public static FieldTable<Corpus> table(FileAccess files) {
        return new FieldTable<>("corpus", List.of(PATH, HOLDOUT, SEED),
                v -> open(files, v.get(PATH), v.get(HOLDOUT), v.get(SEED)))
                .computing(List.of(Computed.of("vocab", c -> (long) c.vocab()), Computed.of("train_tokens", Corpus::trainTokens),
                        Computed.of("heldout_tokens", Corpus::heldOutTokens)));
    }

    /** A text on the local file system; see {@link #open(FileAccess, String, double, long)}. */
    public static Corpus open(Path path, double holdout, long seed) {
        return open(FileAccess.local(), path.toString(), holdout, seed);
    }

    /**
     * A built-in text ({@link BuiltinTexts}) as a corpus, for programs and tests that want real
     * English without a file: {@code Corpus.builtin("austen", 0.05, 0)}.
     */
    public static Corpus builtin(String name, double holdout, long seed) {
        return open(FileAccess.local(), BuiltinTexts.PREFIX + name, holdout, seed);
    }

    /**
     * @param path a file, or a folder whose files (at any depth, hidden ones skipped) are read in
     *     path order, or {@code builtin:NAME} for a built-in text (read without {@code files})
     * @param holdout the share of the text held out for evaluation, 0 to 0.5; with 0 runs on
     *     this text have no held-out loss
     * @param seed chooses which blocks are held out
     */
    public static Corpus open(FileAccess files, String path, double holdout, long seed) {
        if (path.isBlank()) {
            // Path.of("") is the working folder: a blank path would read every file there.
            throw new IllegalArgumentException("corpus: the path is empty; name a text file or a folder of them");
        }
        FieldTable<Corpus> table = table(files);
        table.check(new FieldTable.Values().with(HOLDOUT, holdout)); // before any file is read
        if (BuiltinTexts.isBuiltin(path)) {
            return builtin(table, path, holdout, seed);
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
        return new Corpus(table, path, holdout, seed, new ByteSplit(buffers, holdout, seed), contents(buffers));
    }

    /**
     * A text that ships with the library: a resource, so {@code files} is never asked. Its
     * description names it and carries the digest of all its bytes, so runs on it keep their
     * ids across machines and releases until the text itself changes.
     */
    private static Corpus builtin(FieldTable<Corpus> table, String path, double holdout, long seed) {
        BuiltinTexts.Text text;
        try {
            text = BuiltinTexts.text(path.substring(BuiltinTexts.PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("corpus: " + e.getMessage());
        }
        return new Corpus(table, path, holdout, seed, new ByteSplit(List.of(text.bytes()), holdout, seed),
                text.size() + " bytes, sha256 " + text.digest());
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
    public FieldTable<Corpus> table() {
        return table;
    }

    @Override
    public String describe() {
        return "corpus(\"" + path + "\", holdout: " + NumberText.format(holdout) + ", seed: " + seed + "; " + contents + ")";
    }
}
