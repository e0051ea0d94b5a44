package org.qatlas.stdlib.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunStore;

/** A study's process killed with SIGKILL mid-run loses only the steps since its last checkpoint. */
class StudyKillTest {
    private static final long SEED = 41;
    private static final long STEPS = 400;

    @TempDir
    Path folder;

    @Test
    void aRunKilledWithSigkillResumesInTheNextProcessToTheSameLosses() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        // The flags the tests run with (native access, module opens), without agents or debuggers.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> !flag.startsWith("-agentlib") && !flag.startsWith("-javaagent")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KilledStudy.class.getName(), folder.toString(),
                Long.toString(SEED), Long.toString(STEPS)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String reached = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals("step 60")) {
                    reached = line;
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
                    break;
                }
            }
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertNotNull(reached, "the child never reached step 60");
        RunSpec spec = TinyRuns.run(SEED, STEPS);
        Path checkpoint = folder.resolve(spec.runId() + ".ckpt");
        assertTrue(Files.exists(checkpoint), "the killed run left its checkpoint");

        long[] firstStep = {-1};
        TinyRuns.Recording resuming = new TinyRuns.Recording() {
            @Override
            public void step(RunSpec s, long step, long steps, long tokens, double loss, double tokensPerSecond) {
                if (firstStep[0] < 0) {
                    firstStep[0] = step;
                }
            }
        };
        RunRecord resumed;
        RunRecord uninterrupted;
        try (LocalEngine engine = new LocalEngine(1, RunCheckpoints.in(folder))) {
            resumed = new Study(RunStore.inMemory(), engine, StudyOptions.DEFAULT).run(List.of(spec), resuming).outcomes().get(0).run();
        }
        try (LocalEngine engine = new LocalEngine(1, RunCheckpoints.NONE)) {
            uninterrupted = new Study(RunStore.inMemory(), engine, StudyOptions.DEFAULT).run(List.of(spec), new TinyRuns.Recording())
                    .outcomes().get(0).run();
        }
        assertTrue(firstStep[0] > 60, "resumed after step 60, where the child was killed: " + firstStep[0]);
        assertArrayEquals(TinyRuns.losses(uninterrupted), TinyRuns.losses(resumed));
        assertFalse(Files.exists(checkpoint), "the finished run's checkpoint is deleted");
    }
}
