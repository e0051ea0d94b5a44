package org.qatlas.stdlib.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qatlas.stdlib.io.FileAccess;

class BuiltinTextsTest {
    /** The unpacked size of austen.txt.gz, as its README gives it. */
    private static final long AUSTEN_BYTES = 4_024_616;

    @Test
    void austenIsTheSixNovelsInOrderOfPublication() {
        BuiltinTexts.Text austen = BuiltinTexts.text("austen");
        assertEquals(AUSTEN_BYTES, austen.size());
        String text = austen.string();
        assertTrue(text.startsWith("SENSE AND SENSIBILITY\n\nby Jane Austen\n\n(1811)"), text.substring(0, 60));
        int[] starts = {text.indexOf("SENSE AND SENSIBILITY"), text.indexOf("PRIDE AND PREJUDICE"),
                text.indexOf("MANSFIELD PARK"), text.indexOf("EMMA\n"), text.indexOf("NORTHANGER ABBEY"),
                text.indexOf("Persuasion\n")};
        for (int i = 1; i < starts.length; i++) {
            assertTrue(starts[i] > starts[i - 1], "novel " + i + " follows the one before");
        }
        assertTrue(text.contains("It is a truth universally acknowledged, that a single man in possession"));
        assertTrue(text.endsWith("Finis\n"), "Persuasion closes the text");
        assertFalse(text.toLowerCase(java.util.Locale.ROOT).contains("gutenberg"), "no Project Gutenberg header or footer");
        assertFalse(text.contains("\r"), "Unix line ends");
    }

    @Test
    void theDigestIsOfTheWholeTextAndStable() {
        BuiltinTexts.Text austen = BuiltinTexts.text("austen");
        assertEquals("2425c52d78dff146", austen.digest(), "the first 16 hex digits of the SHA-256 in the README");
    }

    @Test
    void readersDoNotMoveEachOthersPosition() {
        BuiltinTexts.Text austen = BuiltinTexts.text("austen");
        ByteBuffer one = austen.bytes();
        one.position(1000);
        assertEquals(0, austen.bytes().position());
        assertTrue(austen.bytes().isReadOnly());
    }

    @Test
    void aBuiltinCorpusReadsTheTextAndSplitsItBySeed() {
        Corpus a = Corpus.builtin("austen", 0.05, 1);
        assertEquals(AUSTEN_BYTES, a.trainTokens() + a.heldOutTokens());
        double share = (double) a.heldOutTokens() / AUSTEN_BYTES;
        assertTrue(share > 0.01 && share < 0.12, "about 5% held out, in blocks: " + share);

        Corpus again = Corpus.builtin("austen", 0.05, 1);
        assertEquals(a.heldOutTokens(), again.heldOutTokens());
        int[][] first = new int[6][65];
        int[][] second = new int[6][65];
        a.sample(new SplittableRandom(9), true, first);
        again.sample(new SplittableRandom(9), true, second);
        assertArrayEquals(first, second, "the same seed holds out the same blocks");

        Corpus other = Corpus.builtin("austen", 0.05, 2);
        int[][] third = new int[6][65];
        other.sample(new SplittableRandom(9), true, third);
        assertNotEquals(a.heldOutTokens() + ":" + List.of(first[0][0], first[1][0], first[2][0]),
                other.heldOutTokens() + ":" + List.of(third[0][0], third[1][0], third[2][0]),
                "another seed holds out other blocks");
    }

    @Test
    void theDescriptionNamesTheTextAndItsDigest() {
        String description = Corpus.builtin("austen", 0.05, 0).describe();
        assertEquals("corpus(\"builtin:austen\", holdout: 0.05, seed: 0; 4024616 bytes, sha256 2425c52d78dff146)", description);
        assertEquals(description, Corpus.builtin("austen", 0.05, 0).describe(), "two reads, one description");
        assertEquals("builtin:austen", Corpus.builtin("austen", 0.1, 0).field("path"));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Corpus.builtin("dickens", 0.05, 0));
        assertEquals("corpus: there is no built-in text \"dickens\"; the built-in texts are builtin:austen", e.getMessage());
        assertEquals(List.of("austen"), BuiltinTexts.names());
    }

    @Test
    void aBuiltinTextAsksNoFileAccess() {
        Corpus corpus = Corpus.open(new RefusingFiles(), "builtin:austen", 0.05, 0);
        assertEquals(AUSTEN_BYTES, corpus.trainTokens() + corpus.heldOutTokens());
        assertThrows(IllegalStateException.class, () -> Corpus.open(new RefusingFiles(), "austen.txt", 0.05, 0),
                "a file path still goes to the files");
    }

    /** Files that refuse every access, as a sandboxed context's do. */
    private static final class RefusingFiles implements FileAccess {
        private static IllegalStateException refused() {
            return new IllegalStateException("no file access");
        }

        @Override
        public boolean exists(String path) {
            throw refused();
        }

        @Override
        public boolean isDirectory(String path) {
            throw refused();
        }

        @Override
        public boolean isRegularFile(String path) {
            throw refused();
        }

        @Override
        public List<String> filesUnder(String folder) {
            throw refused();
        }

        @Override
        public ByteBuffer contents(String file) {
            throw refused();
        }

        @Override
        public InputStream newInputStream(String file) {
            throw refused();
        }

        @Override
        public OutputStream newOutputStream(String file) {
            throw refused();
        }

        @Override
        public void replace(String source, String target) throws IOException {
            throw refused();
        }

        @Override
        public void deleteIfExists(String file) {
            throw refused();
        }
    }
}
