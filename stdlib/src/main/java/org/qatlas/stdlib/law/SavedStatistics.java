package org.qatlas.stdlib.law;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@link FitStatistics} as saved in a {@link SavedLaw}, with JSON field names in snake case. */
public record SavedStatistics(
        @JsonProperty("rows") int rows,
        @JsonProperty("mean_relative_error") double meanRelativeError,
        @JsonProperty("r_squared") double rSquared,
        @JsonProperty("objective") double objective,
        @JsonProperty("objective_kind") Objective objectiveKind,
        @JsonProperty("huber_delta") double huberDelta,
        @JsonProperty("converged") boolean converged,
        @JsonProperty("starts") int starts,
        @JsonProperty("starts_converged") int startsConverged,
        @JsonProperty("starts_at_best") int startsAtBest,
        @JsonProperty("bootstrap_requested") int bootstrapRequested,
        @JsonProperty("bootstrap_succeeded") int bootstrapSucceeded,
        @JsonProperty("confidence") double confidence,
        @JsonProperty("law_evaluations") long lawEvaluations) {

    static SavedStatistics of(FitStatistics s) {
        return new SavedStatistics(s.rows(), s.meanRelativeError(), s.rSquared(), s.objective(), s.objectiveKind(),
                s.huberDelta(), s.converged(), s.starts(), s.startsConverged(), s.startsAtBest(), s.bootstrapRequested(),
                s.bootstrapSucceeded(), s.confidence(), s.lawEvaluations());
    }

    public FitStatistics toStatistics() {
        return new FitStatistics(rows, meanRelativeError, rSquared, objective, objectiveKind, huberDelta, converged,
                starts, startsConverged, startsAtBest, bootstrapRequested, bootstrapSucceeded, confidence, lawEvaluations);
    }
}
