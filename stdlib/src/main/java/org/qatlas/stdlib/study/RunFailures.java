package org.qatlas.stdlib.study;

import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.TrainingStopped;

/** Turns what stopped a run into the failure a study keeps: a step and one line a user can act on. */
final class RunFailures {
    private RunFailures() {
    }

    /**
     * The failure for {@code error}, which stopped a run; {@code step} is the step in progress
     * (0 when training had not begun) unless the error names its own.
     */
    static RunFailure of(Throwable error, long step) {
        if (error instanceof TrainingStopped stopped) {
            return new RunFailure(stopped.step(), stopped.getMessage());
        }
        return new RunFailure(step, reason(error));
    }

    private static String reason(Throwable error) {
        String message = error.getMessage();
        if (error instanceof OutOfMemoryError) {
            return "out of memory" + (message == null ? "" : " (" + message + ")")
                    + "; give the JVM more memory (QAT_JAVA_OPTS=-Xmx...), or train fewer runs at once (workers: 1)";
        }
        if ((error instanceof IllegalArgumentException || error instanceof IllegalStateException) && message != null) {
            return message; // the library's refusals are written for the user already
        }
        // Anything else is a fault in the code, not in the run's settings: say where it happened.
        StackTraceElement[] trace = error.getStackTrace();
        return error.getClass().getName() + (message == null ? "" : ": " + message)
                + (trace.length > 0 ? " at " + trace[0] : "");
    }
}
