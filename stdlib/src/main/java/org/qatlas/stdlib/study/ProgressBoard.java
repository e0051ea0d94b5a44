package org.qatlas.stdlib.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qatlas.stdlib.text.NumberText;
import org.qatlas.stdlib.train.RunSpec;

/**
 * What a study's progress display knows: each run's state, the tokens done and left, and the
 * FLOPs this process has trained, from which it estimates the time left. Not thread-safe;
 * {@link StudyProgress} guards it.
 *
 * <p>The estimate: FLOPs left (each unfinished run's {@code flops_per_token} times its tokens
 * left) over the FLOPs per second the study has trained so far (work done in this process,
 * over the time since the study began). FLOPs rather than runs, because a study's runs differ
 * in size by orders of magnitude; since the start, because the rate of the runs in flight
 * alone swings with what happens to be running.
 */
final class ProgressBoard {
    private enum State { WAITING, RUNNING, FINISHED, FAILED, ANSWERED }

    /** One run's place in the study. */
    private static final class Entry {
        final RunSpec spec;
        final double flopsPerToken;
        final long tokensPerStep;
        long totalTokens;
        State state = State.WAITING;
        long step;
        long steps;
        long tokens;
        double loss = Double.NaN;
        double tokensPerSecond;
        /** The tokens the run had when this process began training it (after a resumption, not 0); -1 before its first step. */
        long tokensAtStart = -1;
        long startedNanos;

        Entry(RunSpec spec) {
            this.spec = spec;
            int seq = spec.model().config().seq();
            this.flopsPerToken = spec.model().config().flopsPerToken();
            this.tokensPerStep = (long) spec.budget().batch() * seq;
            this.steps = spec.budget().steps(seq);
            this.totalTokens = steps * tokensPerStep;
        }

        /** FLOPs this process trained for the run. */
        double workFlops() {
            return tokensAtStart < 0 ? 0 : (tokens - tokensAtStart) * flopsPerToken;
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final long startNanos;

    ProgressBoard(long startNanos) {
        this.startNanos = startNanos;
    }

    private Entry entry(RunSpec spec) {
        return entries.computeIfAbsent(spec.runId(), id -> new Entry(spec));
    }

    void planned(List<RunSpec> runs) {
        runs.forEach(this::entry);
    }

    void answered(RunSpec spec) {
        entry(spec).state = State.ANSWERED;
    }

    void started(RunSpec spec, long now) {
        Entry entry = entry(spec);
        entry.state = State.RUNNING;
        entry.startedNanos = now;
    }

    void step(RunSpec spec, long step, long steps, long tokens, double loss, double tokensPerSecond) {
        Entry entry = entry(spec);
        if (entry.tokensAtStart < 0) {
            entry.tokensAtStart = Math.max(0, tokens - entry.tokensPerStep);
        }
        entry.step = step;
        entry.steps = steps;
        entry.tokens = tokens;
        entry.loss = loss;
        entry.tokensPerSecond = tokensPerSecond;
    }

    void finished(RunSpec spec) {
        Entry entry = entry(spec);
        entry.state = State.FINISHED;
        entry.tokens = entry.totalTokens;
    }

    /** A failed run; its tokens left are no longer work to do. Returns the seconds since it started. */
    double failed(RunSpec spec, long now) {
        Entry entry = entry(spec);
        entry.state = State.FAILED;
        entry.totalTokens = entry.tokens;
        return entry.startedNanos == 0 ? Double.NaN : (now - entry.startedNanos) / 1e9;
    }

    /** "study: 3 finished, 2 running, 1 failed of 12 runs (1 from the store); 1.2M of 2.4M tokens; about 45s left". */
    String studyLine(long now) {
        int finished = count(State.FINISHED);
        int answered = count(State.ANSWERED);
        long done = 0;
        long total = 0;
        double work = 0;
        double left = 0;
        for (Entry entry : entries.values()) {
            if (entry.state == State.ANSWERED) {
                continue;
            }
            done += entry.tokens;
            total += entry.totalTokens;
            work += entry.workFlops();
            left += (entry.totalTokens - entry.tokens) * entry.flopsPerToken;
        }
        StringBuilder line = new StringBuilder("study: ").append(finished + answered).append(" finished, ")
                .append(count(State.RUNNING)).append(" running, ").append(count(State.FAILED)).append(" failed of ")
                .append(entries.size()).append(entries.size() == 1 ? " run" : " runs");
        if (answered > 0) {
            line.append(" (").append(answered).append(" from the store)");
        }
        line.append("; ").append(NumberText.si(done)).append(" of ").append(NumberText.si(total)).append(" tokens");
        double seconds = (now - startNanos) / 1e9;
        if (work > 0 && seconds > 0 && left > 0) {
            line.append("; about ").append(RunText.duration(left / (work / seconds))).append(" left");
        }
        return line.toString();
    }

    /** A line per running run, in the study's order: "  1a2b3c4d5e6f step 120/195 loss 2.3456 45.2K tokens/s  label". */
    List<String> runningLines() {
        List<String> lines = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.state != State.RUNNING) {
                continue;
            }
            String status = entry.tokensAtStart < 0 ? "starting"
                    : String.format(Locale.ROOT, "step %d/%d loss %s %s tokens/s", entry.step, entry.steps,
                            RunText.loss(entry.loss), NumberText.si(entry.tokensPerSecond));
            lines.add("  " + entry.spec.runId() + " " + status + "  " + RunText.label(entry.spec));
        }
        return lines;
    }

    private int count(State state) {
        int count = 0;
        for (Entry entry : entries.values()) {
            if (entry.state == state) {
                count++;
            }
        }
        return count;
    }
}
