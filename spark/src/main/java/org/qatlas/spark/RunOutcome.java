package org.qatlas.spark;

import java.util.List;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;

/**
 * What became of one run on an executor: its record, or why it failed; and the warnings its
 * training gave (a checkpoint that could not be written), which the driver passes on.
 *
 * @param runId the id of the configuration the executor trained, as it computed it
 * @param record the finished run, or null when it failed
 * @param failure why it failed, or null when it finished
 */
record RunOutcome(String runId, RunRecord record, RunFailure failure, List<String> warnings) {
    RunOutcome {
        if ((record == null) == (failure == null)) {
            throw new IllegalArgumentException("a run outcome is a record or a failure, not both or neither");
        }
        warnings = List.copyOf(warnings);
    }

    static RunOutcome finished(RunRecord record, List<String> warnings) {
        return new RunOutcome(record.runId(), record, null, warnings);
    }

    static RunOutcome failed(String runId, RunFailure failure, List<String> warnings) {
        return new RunOutcome(runId, null, failure, warnings);
    }
}
