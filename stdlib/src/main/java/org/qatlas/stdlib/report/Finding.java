package org.qatlas.stdlib.report;

import java.util.Locale;
import java.util.Objects;

/**
 * One claim of a paper, set against what a study measured.
 *
 * @param claim what the paper says, such as "delta falls with N"
 * @param paper the paper's value: a number, a text such as "-34%", or null
 * @param measured the study's value: a number, a text, or null
 * @param low the low end of the measured value's interval; NaN for none
 * @param high the high end; NaN for none
 * @param reproduced the verdict
 * @param note anything a reader should know ("" for nothing)
 */
public record Finding(String claim, Object paper, Object measured, double low, double high, Verdict reproduced, String note) {
    /** Whether the study showed what the paper claims. */
    public enum Verdict {
        YES, PARTLY, NO;

        /** "yes", "partly" or "no", as scripts write it. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The verdict a script wrote: yes, partly or no (any case), or true or false. */
        public static Verdict of(Object value) {
            if (value instanceof Boolean b) {
                return b ? YES : NO;
            }
            if (value instanceof String s) {
                for (Verdict verdict : values()) {
                    if (verdict.word().equalsIgnoreCase(s.strip())) {
                        return verdict;
                    }
                }
            }
            return null;
        }
    }

    public Finding {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(reproduced, "reproduced");
        Objects.requireNonNull(note, "note");
        if (Double.isNaN(low) != Double.isNaN(high) || low > high) {
            throw new IllegalArgumentException("an interval needs both ends, low <= high, not [" + low + ", " + high + "]");
        }
    }

    /** Whether the measured value has an interval. */
    public boolean hasInterval() {
        return !Double.isNaN(low);
    }
}
