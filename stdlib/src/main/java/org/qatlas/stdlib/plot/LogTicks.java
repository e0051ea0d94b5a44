package org.qatlas.stdlib.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the ticks of a logarithmic axis go. Wide ranges get a labelled tick at every decade
 * (or every second, third, ... decade when there are many) and unlabelled minor ticks at 2..9
 * times each decade. Ranges of about two decades also label 2 and 5 times each decade. Ranges
 * narrower than a decade, where decade ticks would leave the axis bare (losses between 2.5 and
 * 4, say), get evenly spaced round values as a linear axis would.
 */
final class LogTicks {
    private LogTicks() {
    }

    /** The most labelled decades before some are skipped. */
    private static final int MAX_MAJOR = 8;
    private static final double EPS = 1e-9;

    /** A tick: its value and whether it is labelled (major) or not (minor). */
    record Tick(double value, boolean major) {
    }

    /** The ticks between {@code lo} and {@code hi} (both positive, lo < hi), in increasing order. */
    static List<Tick> between(double lo, double hi) {
        double logLo = Math.log10(lo);
        double logHi = Math.log10(hi);
        int first = (int) Math.ceil(logLo - EPS);
        int last = (int) Math.floor(logHi + EPS);
        int decades = last - first + 1;
        if (decades >= 3) {
            return decades(lo, hi, first, last);
        }
        if (logHi - logLo >= 0.9) {
            return oneTwoFive(lo, hi, first - 1, last);
        }
        return linear(lo, hi);
    }

    private static List<Tick> decades(double lo, double hi, int first, int last) {
        int step = (int) Math.ceil((last - first + 1) / (double) MAX_MAJOR);
        List<Tick> ticks = new ArrayList<>();
        for (int k = first - 1; k <= last; k++) {
            double decade = Math.pow(10, k);
            if (k >= first && Math.floorMod(k, step) == 0) {
                ticks.add(new Tick(decade, true));
            } else if (k >= first) {
                ticks.add(new Tick(decade, false)); // a skipped decade still gets a minor tick
            }
            if (step == 1) {
                for (int m = 2; m <= 9; m++) {
                    add(ticks, m * decade, false, lo, hi);
                }
            }
        }
        return ticks;
    }

    private static List<Tick> oneTwoFive(double lo, double hi, int first, int last) {
        List<Tick> ticks = new ArrayList<>();
        for (int k = first; k <= last; k++) {
            double decade = Math.pow(10, k);
            for (int m = 1; m <= 9; m++) {
                add(ticks, m * decade, m == 1 || m == 2 || m == 5, lo, hi);
            }
        }
        return ticks;
    }

    private static List<Tick> linear(double lo, double hi) {
        List<Tick> ticks = new ArrayList<>();
        for (double value : LinearTicks.between(lo, hi)) {
            ticks.add(new Tick(value, true));
        }
        return ticks;
    }

    private static void add(List<Tick> ticks, double value, boolean major, double lo, double hi) {
        if (value >= lo * (1 - EPS) && value <= hi * (1 + EPS)) {
            ticks.add(new Tick(value, major));
        }
    }
}
