package org.qatlas.stdlib.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;

/**
 * The progress display, driven by a clock the test moves: what a terminal receives (ANSI
 * movements written as {@code <ESC>} and {@code <CR>}), and what a log receives.
 */
class StudyProgressTest {
    private static final RunSpec A = TinyRuns.run(1, 10);
    private static final RunSpec B = TinyRuns.run(2, 10);
    private static final RunSpec C = TinyRuns.run(3, 10);
    private static final String LABEL = "llama(layers: 1, hidden: 16, ffn: 32, heads: 2, kv_heads: 1, seq: 16, vocab: 16) "
            + "quant() 1.28K tokens seed ";
    private static final RunFailure NAN = new RunFailure(4,
            "train: the loss became nan at step 4 of 10 (fp phase); lower lr or grad_clip");

    /**
     * Three runs of 1,280 tokens: C answered by the store, A trained (two steps of 128 tokens
     * at 1.0 and 1.1 s, finished at 2 s), B started at 1.1 s and failed at 3 s.
     */
    private static String play(boolean terminal, int width) {
        AtomicLong nanos = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StudyProgress progress = new StudyProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal, width,
                nanos::get);
        progress.planned(List.of(A, B, C));
        progress.answered(C, null);
        progress.started(A);
        nanos.set(1_000_000_000L);
        progress.step(A, 1, 10, 128, 2.5, 1000);
        nanos.set(1_100_000_000L);
        progress.step(A, 2, 10, 256, 2.4, 1100); // a tenth of a second after the last redraw: not redrawn
        progress.started(B);
        nanos.set(2_000_000_000L);
        progress.finished(A, new RunRecord(A.runId(), 2.1, Double.NaN, List.of(), 1280, 10, 2.0, 640, 0, 0, Map.of(), Map.of()));
        nanos.set(3_000_000_000L);
        progress.failed(B, NAN);
        progress.ended(new StudySummary(3, 1, 1, List.of(new StudySummary.Failed(B, NAN)), 0, 3.0));
        return bytes.toString(StandardCharsets.UTF_8).replace("\033", "<ESC>").replace("\r", "<CR>");
    }

    private static String expected(String golden) {
        return golden.replace("{a}", A.runId()).replace("{b}", B.runId()).replace("{label}", LABEL);
    }

    @Test
    void onATerminalTheBlockIsRedrawnInPlaceBelowTheLinesThatStay() {
        // Lines of the block are cut to 119 characters, so that none wraps on a terminal 120 wide.
        assertEquals(expected("""
                study: 0 finished, 0 running, 0 failed of 3 runs; 0 of 3.84K tokens
                <ESC>[1A<CR><ESC>[Jstudy: 1 finished, 0 running, 0 failed of 3 runs (1 from the store); 0 of 2.56K tokens
                <ESC>[1A<CR><ESC>[Jstudy: 1 finished, 1 running, 0 failed of 3 runs (1 from the store); 0 of 2.56K tokens
                  {a} starting  llama(layers: 1, hidden: 16, ffn: 32, heads: 2, kv_heads: 1, seq: 16, vocab: 16) quant() 1.28K
                <ESC>[2A<CR><ESC>[Jstudy: 1 finished, 1 running, 0 failed of 3 runs (1 from the store); 128 of 2.56K tokens; about 19s left
                  {a} step 1/10 loss 2.5000 1K tokens/s  llama(layers: 1, hidden: 16, ffn: 32, heads: 2, kv_heads: 1, seq: 16,
                <ESC>[2A<CR><ESC>[Jstudy: 1 finished, 2 running, 0 failed of 3 runs (1 from the store); 256 of 2.56K tokens; about 9.9s left
                  {a} step 2/10 loss 2.4000 1.1K tokens/s  llama(layers: 1, hidden: 16, ffn: 32, heads: 2, kv_heads: 1, seq: 1
                  {b} starting  llama(layers: 1, hidden: 16, ffn: 32, heads: 2, kv_heads: 1, seq: 16, vocab: 16) quant() 1.28K
                <ESC>[3A<CR><ESC>[Jfinished {a}  loss 2.1000  2.0s  {label}1
                study: 2 finished, 1 running, 0 failed of 3 runs (1 from the store); 1.28K of 2.56K tokens; about 2.0s left
                  {b} starting  llama(layers: 1, hidden: 16, ffn: 32, heads: 2, kv_heads: 1, seq: 16, vocab: 16) quant() 1.28K
                <ESC>[2A<CR><ESC>[Jfailed   {b}  at step 4 after 1.9s: train: the loss became nan at step 4 of 10 (fp phase); lower lr or grad_clip  {label}2
                study: 2 finished, 0 running, 1 failed of 3 runs (1 from the store); 1.28K of 1.28K tokens
                <ESC>[1A<CR><ESC>[Jstudy: 3 runs: 1 trained, 1 from the store, 1 failed in 3.0s
                  failed {b} at step 4: train: the loss became nan at step 4 of 10 (fp phase); lower lr or grad_clip ({label}2)
                """), play(true, 120));
    }

    @Test
    void elsewhereALineForEachRunThatEndsAndTheSummary() {
        assertEquals(expected("""
                finished {a}  loss 2.1000  2.0s  {label}1
                failed   {b}  at step 4 after 1.9s: train: the loss became nan at step 4 of 10 (fp phase); lower lr or grad_clip  {label}2
                study: 3 runs: 1 trained, 1 from the store, 1 failed in 3.0s
                  failed {b} at step 4: train: the loss became nan at step 4 of 10 (fp phase); lower lr or grad_clip ({label}2)
                """), play(false, 0));
    }
}
