package org.qatlas.stdlib.text;

import java.util.Collection;
import java.util.Optional;

/**
 * Finds the name a user most likely meant when they typed one that does not exist, for
 * messages such as "unknown name 'modle' (did you mean 'model'?)".
 */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * The candidate closest to {@code typed} by edit distance, if it is close enough to be a
     * plausible typo: at most one edit for short names, at most a third of the length for
     * longer ones. Ties go to the candidate seen first.
     */
    public static Optional<String> closest(String typed, Collection<String> candidates) {
        int allowed = Math.max(1, typed.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate.equals(typed)) {
                continue;
            }
            int distance = editDistance(typed, candidate);
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** " (did you mean 'x'?)" when there is a close candidate, else the empty string. */
    public static String didYouMean(String typed, Collection<String> candidates) {
        return closest(typed, candidates).map(name -> " (did you mean '" + name + "'?)").orElse("");
    }

    /**
     * Optimal string alignment distance: insertions, deletions, substitutions and swaps of
     * two neighbouring characters each cost one (a swap is the commonest typo). Written by
     * hand because it is a dozen lines and no dependency of the project offers it.
     */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
