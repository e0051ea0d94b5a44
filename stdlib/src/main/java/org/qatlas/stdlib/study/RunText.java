package org.qatlas.stdlib.study;

import java.util.Locale;
import org.qatlas.stdlib.text.NumberText;
import org.qatlas.stdlib.train.RunSpec;

/** How runs, losses and durations read in a study's progress, summary and errors. */
final class RunText {
    private RunText() {
    }

    /** The settings that tell a study's runs apart: "llama(...) scheme(...) 200K tokens seed 3". */
    static String label(RunSpec spec) {
        String scheme = spec.scheme().table().call(spec.scheme());
        return spec.model().written() + " " + scheme + " " + NumberText.si(spec.budget().tokens()) + " tokens seed "
                + spec.seed();
    }

    /** A loss with four decimals, as the run records show it. */
    static String loss(double loss) {
        return String.format(Locale.ROOT, "%.4f", loss);
    }

    /** A duration as people read it: "0.4s", "45s", "3m05s", "2h07m"; "?" when not known. */
    static String duration(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            return "?";
        }
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long whole = Math.round(seconds);
        if (whole < 60) {
            return whole + "s";
        }
        if (whole < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", whole / 60, whole % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", whole / 3600, whole / 60 % 60);
    }
}
