package org.qatlas.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study killed with kill -9 loses nothing it finished: {@code bin/qat} trains a study one run
 * at a time and is killed (SIGKILL, no shutdown hook runs) once two runs have finished and the
 * third has written a checkpoint. Run again, the study answers the finished runs from the store,
 * resumes the interrupted one from its checkpoint and trains the rest, and its losses equal
 * those of the same study trained without interruption in a store of its own.
 */
class StudyKillTest {
    private static final Path QAT = Path.of("..", "bin", "qat").toAbsolutePath().normalize();
    private static final String SCRIPT = """
            toy = synthetic(vocab: 16, tokens: 50K, order: 2, seed: 3)
            tiny = llama(layers: 1, hidden: 16, ffn: 32, heads: 2, kv_heads: 1, seq: 16, vocab: 16)
            plan = grid(model: tiny, seed: [1, 2, 3, 4])
            done = train_all(plan, data: toy, budget: budget(tokens: 400 * 4 * 16, batch: 4, eval_tokens: 256),
                             workers: 1, checkpoint_minutes: 0.002)
            print("losses ${[r.loss for r in done]}")
            """;
    private static final Pattern FINISHED = Pattern.compile("(?m)^finished ");

    @TempDir
    Path folder;

    private Process start(Path runs, String name) throws IOException {
        Path script = Files.writeString(folder.resolve("study.qat"), SCRIPT);
        ProcessBuilder builder = new ProcessBuilder(QAT.toString(), "run", script.toString())
                .redirectOutput(folder.resolve(name + ".out").toFile())
                .redirectError(folder.resolve(name + ".err").toFile());
        builder.environment().put("QAT_JIT", "0");
        builder.environment().put("QAT_RUNS", runs.toString());
        return builder.start();
    }

    private String read(String name) throws IOException {
        return Files.readString(folder.resolve(name), StandardCharsets.UTF_8);
    }

    private String finish(Process process, String name) throws IOException, InterruptedException {
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), name + " did not finish in 3 minutes");
        assertEquals(0, process.exitValue(), read(name + ".err"));
        Matcher losses = Pattern.compile("losses (\\[.*])").matcher(read(name + ".out"));
        assertTrue(losses.find(), read(name + ".out"));
        return losses.group(1);
    }

    private static List<Path> checkpoints(Path runs) throws IOException {
        Path folder = runs.resolve("checkpoints");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".ckpt")).toList();
        }
    }

    @Test
    void aKilledStudyLosesNoFinishedRunAndResumesTheOneInFlight() throws Exception {
        Path runs = folder.resolve("runs");
        Process killed = start(runs, "killed");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (!(FINISHED.matcher(read("killed.err")).results().count() >= 2 && !checkpoints(runs).isEmpty())) {
            assertTrue(killed.isAlive(), "the study ended before it was killed:\n" + read("killed.err"));
            assertTrue(System.nanoTime() < deadline, "no two finished runs and a checkpoint in time:\n" + read("killed.err"));
            Thread.sleep(50);
        }
        killed.destroyForcibly(); // SIGKILL
        assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
        long finishedBefore = FINISHED.matcher(read("killed.err")).results().count();

        String resumed = finish(start(runs, "resumed"), "resumed");
        String log = read("resumed.err");
        assertTrue(log.contains("study: 4 runs: " + (4 - finishedBefore) + " trained, " + finishedBefore + " from the store, 0 failed"),
                log);
        assertTrue(log.contains("resum"), "the run in flight resumed from its checkpoint:\n" + log);
        assertEquals(List.of(), checkpoints(runs), "finished runs leave no checkpoint");

        String uninterrupted = finish(start(folder.resolve("other-runs"), "uninterrupted"), "uninterrupted");
        assertEquals(uninterrupted, resumed);
    }
}
