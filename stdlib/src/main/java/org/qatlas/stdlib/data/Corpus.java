package org.qatlas.stdlib.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.qatlas.stdlib.text.NumberText;
import org.qatlas.stdlib.value.Fields;

/**
 * Any UTF-8 text file, or every file under a folder, as byte tokens (vocabulary 256). Files
 * are memory-mapped, not read into the heap: a 1 GB corpus costs address space and page
 * cache, which every copy of it shares.
 */
public final class Corpus extends SplitTokenData {
    private final Path path;
    private final double holdout;
    private final long seed;
    /** The text's size and a hash of bytes sampled across it: part of a run's identity. */
    private final String contents;

    private Corpus(Path path, double holdout, long seed, ByteSplit split, String contents) {
        super(split);
        this.path = path;
        this.holdout = holdout;
        this.seed = seed;
        this.contents = contents;
    }

    /** {@code corpus(path, holdout:, seed:)} from a script's arguments; null is the default. */
    public static Corpus of(Object path, Object holdout, Object seed) {
        return open(Path.of(Fields.string("corpus", "path", path)),
                holdout == null ? 0.05 : Fields.number("corpus", "holdout", holdout),
                seed == null ? 0 : Fields.wholeNumber("corpus", "seed", seed));
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
        return new Corpus(path, holdout, seed, new ByteSplit(buffers, holdout, seed), contents(buffers));
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
    public String kind() {
        return "corpus";
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("path", path.toString());
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
        return of(merged.get("path"), merged.get("holdout"), merged.get("seed"));
    }

    @Override
    public String describe() {
        return "corpus(\"" + path + "\", holdout: " + NumberText.format(holdout) + ", seed: " + seed + "; " + contents + ")";
    }
}
