package org.qatlas.stdlib.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SyntheticLanguageTest {
    @Test
    void entropyIsThatOfTheZipfDistribution() {
        double[] uniform = SyntheticLanguage.zipfDistribution(16, 0);
        assertEquals(Math.log(16), SyntheticLanguage.entropyOf(uniform), 1e-12);
        SyntheticLanguage language = SyntheticLanguage.generate(64, 10_000, 3, 1.0, 1, 0.05);
        assertEquals(SyntheticLanguage.entropyOf(SyntheticLanguage.zipfDistribution(64, 1.0)), language.entropy(), 0);
    }

    /**
     * Counting next tokens per context in a long text: with the full context the empirical
     * conditional entropy meets the exact rate; with less context it is clearly higher, which
     * is what makes longer contexts (and bigger models) pay; each older token is worth less.
     */
    @Test
    void fullContextReachesTheEntropyRateAndShorterContextsDoNot() {
        int vocab = 8;
        int tokens = 2_000_000;
        SyntheticLanguage language = SyntheticLanguage.generate(vocab, tokens, 3, 1.0, 7, 0.0);
        int[][] windows = new int[500][4000];
        language.sample(new SplittableRandom(1), false, windows);
        double full = conditionalEntropy(windows, 3);
        double previousTwo = conditionalEntropy(windows, 2);
        double previousOnly = conditionalEntropy(windows, 1);
        double none = conditionalEntropy(windows, 0);
        assertEquals(language.entropy(), full, 0.01);
        assertTrue(previousTwo > full + 0.02, "two previous tokens: " + previousTwo + " vs " + full);
        assertTrue(previousOnly > previousTwo + 0.05, "previous token only: " + previousOnly + " vs " + previousTwo);
        assertTrue(none > previousOnly + 0.05, "no context: " + none + " vs " + previousOnly);
    }

    /** The plug-in estimate of H(next token | previous {@code context} tokens), in nats. */
    private static double conditionalEntropy(int[][] windows, int context) {
        Map<Long, long[]> counts = new HashMap<>();
        double total = 0;
        for (int[] text : windows) {
            for (int t = context; t < text.length; t++) {
                long key = 0;
                for (int d = 1; d <= context; d++) {
                    key = key * 256 + text[t - d];
                }
                counts.computeIfAbsent(key, k -> new long[256])[text[t]]++;
                total++;
            }
        }
        double entropy = 0;
        for (long[] row : counts.values()) {
            long rowTotal = 0;
            for (long c : row) {
                rowTotal += c;
            }
            for (long c : row) {
                if (c > 0) {
                    entropy -= c / total * Math.log((double) c / rowTotal);
                }
            }
        }
        return entropy;
    }

    @Test
    void sameSeedSameTextOtherSeedOtherText() {
        int[][] a = new int[4][65];
        int[][] b = new int[4][65];
        int[][] c = new int[4][65];
        SyntheticLanguage.generate(32, 100_000, 4, 1.0, 3, 0.1).sample(new SplittableRandom(9), false, a);
        SyntheticLanguage.generate(32, 100_000, 4, 1.0, 3, 0.1).sample(new SplittableRandom(9), false, b);
        SyntheticLanguage.generate(32, 100_000, 4, 1.0, 4, 0.1).sample(new SplittableRandom(9), false, c);
        assertArrayEquals(a, b);
        assertTrue(!java.util.Arrays.deepEquals(a, c));
        for (int[] row : a) {
            for (int token : row) {
                assertTrue(token >= 0 && token < 32);
            }
        }
    }

    @Test
    void holdsOutTheRequestedShare() {
        SyntheticLanguage language = SyntheticLanguage.generate(64, 1_000_000, 3, 1.0, 5, 0.2);
        assertEquals(1_000_000, language.trainTokens() + language.heldOutTokens());
        double share = (double) language.heldOutTokens() / 1_000_000;
        assertTrue(share > 0.1 && share < 0.3, "held-out share " + share);
    }

    @Test
    void rejectsBadSettingsClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticLanguage.generate(300, 10_000, 3, 1.0, 1, 0.05));
        assertEquals("synthetic: vocab must be between 4 and 256, not 300", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SyntheticLanguage.generate(64, 10_000, 0, 1.0, 1, 0.05));
        assertThrows(IllegalArgumentException.class, () -> SyntheticLanguage.generate(64, 10_000, 3, 1.0, 1, 0.9));
        assertEquals("synthetic: tokens must be between 1024 and 2147483647, not 1000", assertThrows(IllegalArgumentException.class,
                () -> SyntheticLanguage.generate(64, 1000, 3, 1.0, 1, 0.05)).getMessage());
    }

    @Test
    void settingsBeyondAnIntAreRefusedNotWrappedAround() {
        long wrapsTo16 = (1L << 32) + 16;
        assertEquals("synthetic: vocab must be between 4 and 256, not 4294967312", assertThrows(IllegalArgumentException.class,
                () -> SyntheticLanguage.TABLE.make(java.util.Map.of("vocab", wrapsTo16, "tokens", 2000L))).getMessage());
        assertEquals("synthetic: order must be between 1 and 8, not 4294967298", assertThrows(IllegalArgumentException.class,
                () -> SyntheticLanguage.TABLE.make(java.util.Map.of("vocab", 16L, "tokens", 2000L, "order", (1L << 32) + 2)))
                        .getMessage());
    }
}
