package org.qatlas.stdlib.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {
    @TempDir
    Path folder;

    private static String text(int length, char first) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append((char) (first + i % 26));
        }
        return s.toString();
    }

    @Test
    void windowsAreConsecutiveBytesOfTheFiles() throws IOException {
        String content = text(200_000, 'a');
        Path file = Files.writeString(folder.resolve("a.txt"), content);
        Corpus corpus = Corpus.open(file, 0.05, 1);
        assertEquals(200_000, corpus.trainTokens() + corpus.heldOutTokens());
        assertTrue(corpus.heldOutTokens() > 0);
        int[][] windows = new int[8][33];
        corpus.sample(new SplittableRandom(2), false, windows);
        for (int[] window : windows) {
            for (int i = 1; i < window.length; i++) {
                assertEquals((window[i - 1] - 'a' + 1) % 26, window[i] - 'a', "consecutive letters");
            }
        }
    }

    @Test
    void aFolderIsReadWholeAndTheSplitIsDeterministic() throws IOException {
        Files.writeString(folder.resolve("one.txt"), text(50_000, 'a'));
        Files.createDirectory(folder.resolve("sub"));
        Files.writeString(folder.resolve("sub").resolve("two.txt"), text(70_000, 'A'), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(".hidden"), "ignored");
        Corpus first = Corpus.open(folder, 0.1, 3);
        Corpus second = Corpus.open(folder, 0.1, 3);
        assertEquals(120_000, first.trainTokens() + first.heldOutTokens());
        assertEquals(first.heldOutTokens(), second.heldOutTokens());
        int[][] a = new int[4][17];
        int[][] b = new int[4][17];
        first.sample(new SplittableRandom(5), true, a);
        second.sample(new SplittableRandom(5), true, b);
        assertArrayEquals(a, b);
    }

    @Test
    void missingOrEmptyInputIsAClearError() throws IOException {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Corpus.open(folder.resolve("nope.txt"), 0.05, 1));
        assertTrue(missing.getMessage().startsWith("corpus: no such file or folder: "), missing.getMessage());
        Path empty = Files.writeString(folder.resolve("empty.txt"), "");
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Corpus.open(empty, 0.05, 1));
        assertTrue(none.getMessage().endsWith("holds no text"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Corpus.open(empty, 0.7, 1));
    }

    @Test
    void theDescriptionChangesWhenTheTextDoes() throws IOException {
        Path file = folder.resolve("text.txt");
        Files.writeString(file, "abcdefgh".repeat(1000));
        String before = Corpus.open(file, 0.05, 1).describe();
        assertEquals(before, Corpus.open(file, 0.05, 1).describe(), "the same text, the same description");
        Files.writeString(file, "abcdefgX".repeat(1000));
        assertNotEquals(before, Corpus.open(file, 0.05, 1).describe(), "an edit of the same size");
        Files.writeString(file, "abcdefgh".repeat(1001));
        assertNotEquals(before, Corpus.open(file, 0.05, 1).describe(), "a longer text");
    }
}
