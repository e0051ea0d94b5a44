package org.qatlas.stdlib.study;

import java.time.Duration;

/**
 * How a {@link Study} treats its runs.
 *
 * @param fresh train every run again, even those the store has finished
 * @param strict stop at the first failed run: the runs in flight stop, the study throws
 *     {@link StudyFailed}
 * @param pollInterval how often the study asks the store about a run another process is
 *     training (it waits for that run instead of training it twice)
 */
public record StudyOptions(boolean fresh, boolean strict, Duration pollInterval) {
    /** Runs answered from the store, failures kept and the study going on, the store asked every second. */
    public static final StudyOptions DEFAULT = new StudyOptions(false, false, Duration.ofSeconds(1));

    public StudyOptions {
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("a study needs a positive interval between looks at the store, not "
                    + pollInterval);
        }
    }

    public StudyOptions withFresh(boolean newFresh) {
        return new StudyOptions(newFresh, strict, pollInterval);
    }

    public StudyOptions withStrict(boolean newStrict) {
        return new StudyOptions(fresh, newStrict, pollInterval);
    }

    public StudyOptions withPollInterval(Duration interval) {
        return new StudyOptions(fresh, strict, interval);
    }
}
