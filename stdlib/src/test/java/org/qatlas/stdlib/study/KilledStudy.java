package org.qatlas.stdlib.study;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunStore;

/**
 * The process {@link StudyKillTest} kills: trains one run of {@code steps} steps with a
 * checkpoint after every step in {@code folder}, printing each step as it finishes.
 *
 * <p>Usage: {@code KilledStudy folder seed steps}
 */
public final class KilledStudy {
    private KilledStudy() {
    }

    public static void main(String[] args) {
        RunCheckpoints checkpoints = RunCheckpoints.in(Path.of(args[0])).every(Duration.ofNanos(1));
        RunSpec spec = TinyRuns.run(Long.parseLong(args[1]), Long.parseLong(args[2]));
        try (LocalEngine engine = new LocalEngine(1, checkpoints)) {
            new Study(RunStore.inMemory(), engine, StudyOptions.DEFAULT).run(List.of(spec), new StudyListener() {
                @Override
                public void step(RunSpec s, long step, long steps, long tokens, double loss, double tokensPerSecond) {
                    System.out.println("step " + step);
                    System.out.flush();
                }

                @Override
                public void finished(RunSpec s, RunRecord run) {
                    System.out.println("finished");
                }

                @Override
                public void failed(RunSpec s, RunFailure failure) {
                    System.out.println("failed " + failure);
                }
            });
        }
    }
}
