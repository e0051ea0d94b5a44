package org.qatlas.stdlib.study;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;

/**
 * Shows a study's progress on a stream. On a terminal: a block at the bottom, one line for the
 * study (runs finished, running and failed of the total, tokens done, time left) above a line
 * per running run (its step, loss and tokens/s), redrawn in place at most {@link #REDRAWS_PER_SECOND}
 * times a second, with a line per finished or failed run and each warning printed above it.
 * Elsewhere (a log file, a pipe): a line per finished or failed run and per warning, nothing
 * in between. Both end with the study's summary.
 *
 * <p>The caller says whether the stream is a terminal, and how wide it is; this class only
 * writes ANSI cursor movements when told it is one.
 */
public class StudyProgress implements StudyListener {
    /** The most redraws a second the block gets from steps alone. */
    public static final int REDRAWS_PER_SECOND = 4;
    private static final long REDRAW_NANOS = 1_000_000_000L / REDRAWS_PER_SECOND;

    private final PrintStream out;
    private final boolean terminal;
    private final int width;
    private final LongSupplier clock;
    private final ProgressBoard board;
    /** Lines of the block on screen now (terminal only). */
    private int drawn;
    private long lastDraw;

    /**
     * @param terminal whether {@code out} is a terminal that understands ANSI cursor movements
     * @param width the terminal's columns, lines are cut to fit (0: lines are not cut)
     * @param clock nanoseconds, {@link System#nanoTime()} except in tests
     */
    public StudyProgress(PrintStream out, boolean terminal, int width, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.width = width;
        this.clock = clock;
        this.board = new ProgressBoard(clock.getAsLong());
        this.lastDraw = Long.MIN_VALUE / 2;
    }

    /** Progress on {@code out}, timed by the system's clock. */
    public static StudyProgress on(PrintStream out, boolean terminal, int width) {
        return new StudyProgress(out, terminal, width, System::nanoTime);
    }

    @Override
    public synchronized void planned(List<RunSpec> runs) {
        board.planned(runs);
        redraw();
    }

    @Override
    public synchronized void answered(RunSpec spec, RunRecord run) {
        board.answered(spec);
        redraw();
    }

    @Override
    public synchronized void started(RunSpec spec) {
        board.started(spec, clock.getAsLong());
        redraw();
    }

    @Override
    public synchronized void resumed(RunSpec spec, long step, long steps) {
        print("resumed  " + spec.runId() + "  from its checkpoint after step " + step + " of " + steps + "  " + RunText.label(spec));
    }

    @Override
    public synchronized void step(RunSpec spec, long step, long steps, long tokens, double loss, double tokensPerSecond) {
        board.step(spec, step, steps, tokens, loss, tokensPerSecond);
        if (terminal && clock.getAsLong() - lastDraw >= REDRAW_NANOS) {
            redraw();
        }
    }

    @Override
    public synchronized void finished(RunSpec spec, RunRecord run) {
        board.finished(spec);
        print("finished " + spec.runId() + "  loss " + RunText.loss(run.loss()) + "  " + RunText.duration(run.seconds()) + "  "
                + RunText.label(spec));
    }

    @Override
    public synchronized void failed(RunSpec spec, RunFailure failure) {
        double seconds = board.failed(spec, clock.getAsLong());
        print("failed   " + spec.runId() + (failure.step() > 0 ? "  at step " + failure.step() : "")
                + (Double.isNaN(seconds) ? "" : " after " + RunText.duration(seconds)) + ": " + failure.reason() + "  "
                + RunText.label(spec));
    }

    @Override
    public synchronized void warning(String message) {
        print(message);
    }

    @Override
    public synchronized void ended(StudySummary summary) {
        erase();
        summary.lines().forEach(out::println);
        out.flush();
    }

    /** Prints a line that stays: above the block on a terminal, which is then drawn again below it. */
    private void print(String line) {
        erase();
        out.println(line);
        redraw();
    }

    private void redraw() {
        if (!terminal) {
            return;
        }
        erase();
        List<String> lines = new ArrayList<>();
        lines.add(board.studyLine(clock.getAsLong()));
        lines.addAll(board.runningLines());
        for (String line : lines) {
            out.print(fit(line));
            out.print('\n');
        }
        drawn = lines.size();
        lastDraw = clock.getAsLong();
        out.flush();
    }

    /** Removes the block: up to its first line, then clear to the end of the screen. */
    private void erase() {
        if (terminal && drawn > 0) {
            out.print("\033[" + drawn + "A\r\033[J");
            drawn = 0;
        }
    }

    /** The line cut to the terminal's width, so that it never wraps and the block's height stays what was counted. */
    private String fit(String line) {
        return width > 1 && line.length() >= width ? line.substring(0, width - 1) : line;
    }
}
