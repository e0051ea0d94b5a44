package org.qatlas.stdlib.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * The texts that ship inside the library, named {@code builtin:NAME} where a corpus path is
 * expected. They are class-path resources, not files: reading one needs no file permission, so
 * a sandboxed script can train on real English all the same. Each is kept gzip-compressed in
 * the jar and unpacked once per JVM, on first use, into memory outside the heap, which it then
 * keeps: every corpus of that text shares the one copy. What each text is and where it comes
 * from is in the {@code texts/README.md} beside the resources.
 */
public final class BuiltinTexts {
    /** What a corpus path starts with to name a built-in text instead of a file. */
    public static final String PREFIX = "builtin:";

    /** The names, each with its resource under {@code org/qatlas/stdlib/data/texts/}. */
    private static final Map<String, String> RESOURCES = Map.of(
            "austen", "texts/austen.txt.gz"); // Jane Austen's six novels, 1811-1818

    private static final Map<String, Text> LOADED = new ConcurrentHashMap<>();

    private BuiltinTexts() {
    }

    /**
     * One built-in text.
     *
     * @param name its name, without the prefix
     * @param bytes its UTF-8 bytes, read-only
     * @param digest the first 16 hex digits of the SHA-256 of the bytes: what runs on it are told apart by
     */
    public record Text(String name, ByteBuffer bytes, String digest) {
        /** Its size in bytes (its number of byte tokens). */
        public long size() {
            return bytes.limit();
        }

        /** The text itself, decoded. */
        public String string() {
            byte[] copy = new byte[bytes.limit()];
            bytes.get(0, copy);
            return new String(copy, StandardCharsets.UTF_8);
        }

        /**
         * A view of the bytes of its own, so that no reader moves another's position.
         */
        @Override
        public ByteBuffer bytes() {
            return bytes.duplicate();
        }
    }

    /** The names of the built-in texts, sorted. */
    public static List<String> names() {
        return RESOURCES.keySet().stream().sorted().toList();
    }

    /** Whether a corpus path names a built-in text rather than a file. */
    public static boolean isBuiltin(String path) {
        return path.startsWith(PREFIX);
    }

    /**
     * A built-in text by name (without the prefix).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Text text(String name) {
        String resource = RESOURCES.get(name);
        if (resource == null) {
            throw new IllegalArgumentException("there is no built-in text \"" + name + "\"; the built-in texts are "
                    + String.join(", ", names().stream().map(n -> PREFIX + n).toList()));
        }
        return LOADED.computeIfAbsent(name, n -> load(n, resource));
    }

    private static Text load(String name, String resource) {
        try (InputStream packed = BuiltinTexts.class.getResourceAsStream(resource)) {
            if (packed == null) {
                // Only a broken build gets here: the resource is part of the library's jar.
                throw new IllegalStateException("the built-in text " + name + " is missing from the class path (" + resource + ")");
            }
            byte[] unpacked;
            try (InputStream in = new GZIPInputStream(packed)) {
                unpacked = in.readAllBytes();
            }
            ByteBuffer buffer = ByteBuffer.allocateDirect(unpacked.length);
            buffer.put(unpacked).flip();
            return new Text(name, buffer.asReadOnlyBuffer(), digest(unpacked));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in text " + name + ": " + e.getMessage(), e);
        }
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
