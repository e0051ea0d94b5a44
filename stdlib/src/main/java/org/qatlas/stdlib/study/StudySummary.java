package org.qatlas.stdlib.study;

import java.util.ArrayList;
import java.util.List;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunSpec;

/**
 * What a study did: of its distinct runs, how many it trained, how many the store answered,
 * which failed (with their steps and reasons), and how many it left unfinished (stopped by an
 * interruption or by a strict study's failure; their claims are released, so running the
 * study again trains them).
 *
 * @param seconds the study's wall time
 */
public record StudySummary(int runs, int trained, int answered, List<Failed> failures, int unfinished, double seconds) {
    /** A failed run and why. */
    public record Failed(RunSpec spec, RunFailure failure) {
    }

    public StudySummary {
        failures = List.copyOf(failures);
    }

    /** The summary as lines of text: a line of counts, then a line per failed run. */
    public List<String> lines() {
        StringBuilder counts = new StringBuilder("study: ").append(runs).append(runs == 1 ? " run: " : " runs: ")
                .append(trained).append(" trained, ").append(answered).append(" from the store, ").append(failures.size())
                .append(" failed");
        if (unfinished > 0) {
            counts.append(", ").append(unfinished).append(" not finished");
        }
        counts.append(" in ").append(RunText.duration(seconds));
        List<String> lines = new ArrayList<>();
        lines.add(counts.toString());
        for (Failed failed : failures) {
            RunFailure failure = failed.failure();
            lines.add("  failed " + failed.spec().runId() + (failure.step() > 0 ? " at step " + failure.step() : "") + ": "
                    + failure.reason() + " (" + RunText.label(failed.spec()) + ")");
        }
        if (unfinished > 0) {
            lines.add("  the runs not finished were stopped and can be trained by running the study again");
        }
        return lines;
    }
}
