package org.qatlas.stdlib.study;

import java.util.List;

/**
 * What {@link Study#run} returns: an outcome per spec it was given, in the same order
 * (duplicates share one run), and the study's summary.
 */
public record StudyResult(List<RunOutcome> outcomes, StudySummary summary) {
    public StudyResult {
        outcomes = List.copyOf(outcomes);
    }
}
