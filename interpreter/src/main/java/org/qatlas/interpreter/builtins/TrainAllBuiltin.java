package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.qatlas.interpreter.QatContext;
import org.qatlas.interpreter.runtime.JavaValues;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.Values;
import org.qatlas.stdlib.backend.Backends;
import org.qatlas.stdlib.study.Engine;
import org.qatlas.stdlib.study.EngineChoice;
import org.qatlas.stdlib.study.LocalEngine;
import org.qatlas.stdlib.study.RunCheckpoints;
import org.qatlas.stdlib.study.RunOutcome;
import org.qatlas.stdlib.study.Study;
import org.qatlas.stdlib.study.StudyFailed;
import org.qatlas.stdlib.study.StudyOptions;
import org.qatlas.stdlib.study.StudyPlan;
import org.qatlas.stdlib.study.StudyProgress;
import org.qatlas.stdlib.study.StudyResult;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunStore;
import org.qatlas.stdlib.value.Fields;

/**
 * {@code train_all(configs, data: text, budget: budget(lr: 3e-3))}: trains every distinct
 * configuration of a study once (see {@link Study}) and returns one value per configuration, in
 * order: the run, or for a run that failed a record of its failure ({@code status: "failed"},
 * {@code step}, {@code reason}). Settings given to train_all are the defaults of every
 * configuration. A node of its own, like {@code train}: while the study runs, this thread waits
 * and polls the context, so Ctrl-C stops the study between steps and keeps what finished.
 */
@GenerateNodeFactory
public abstract class TrainAllBuiltin extends BuiltinNode {
    /** train_all's parameters that are defaults of every configuration, in its signature's order. */
    static final List<String> DEFAULTS = List.of("model", "scheme", "budget", "data", "seed");

    @Specialization
    @TruffleBoundary
    protected Object trainAll(Object configs, Object model, Object scheme, Object budget, Object data, Object seed,
            Object engine, Object workers, Object fresh, Object strict, Object checkpointMinutes, Object backend) {
        QatContext context = QatContext.get(this);
        try {
            String backendName = context.backend(JavaValues.toJava(backend), "train_all");
            Backends.named(backendName); // a backend that cannot run here stops the study before it starts, saying why
            List<RunSpec> specs = specs(configs, new Object[] {model, scheme, budget, data, seed}).stream()
                    .map(spec -> spec.on(backendName)).toList();
            StudyOptions options = StudyOptions.DEFAULT.withFresh(Fields.bool("train_all", "fresh", JavaValues.toJava(fresh)))
                    .withStrict(Fields.bool("train_all", "strict", JavaValues.toJava(strict)));
            RunStore store = context.runStore();
            try (Engine chosen = engine(JavaValues.toJava(engine), JavaValues.toJava(workers), checkpoints(store,
                    JavaValues.toJava(checkpointMinutes)))) {
                StudyResult result = new Study(store, chosen, options).run(specs, listener(context));
                return JavaValues.toQat(values(result));
            }
        } catch (CancellationException e) {
            // The context interrupted this thread while it waited (Ctrl-C, a time limit): the
            // runs have stopped; the context's own interruption is raised at its safepoint.
            Thread.interrupted();
            TruffleSafepoint.poll(this);
            throw new QatException("train_all: " + e.getMessage(), this);
        } catch (StudyFailed e) {
            throw new QatException("train_all: " + e.getMessage(), this);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new QatException(e.getMessage().startsWith("train_all") ? e.getMessage() : "train_all: " + e.getMessage(),
                    this);
        }
    }

    private List<RunSpec> specs(Object configs, Object[] defaultValues) {
        if (!(JavaValues.toJava(configs) instanceof List<?> list)) {
            throw new QatException("train_all: configs must be a list of run configurations, such as grid(model: sizes, "
                    + "seed: [1, 2]), not " + Values.describe(configs), this);
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (int i = 0; i < DEFAULTS.size(); i++) {
            Object value = JavaValues.toJava(defaultValues[i]);
            if (value != null) {
                defaults.put(DEFAULTS.get(i), value);
            }
        }
        List<RunSpec> specs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "train_all: configuration " + (i + 1);
            if (!(list.get(i) instanceof Map<?, ?> configuration)) {
                throw new IllegalArgumentException(where + " must be a record such as { model: m, seed: 1 }, not "
                        + Fields.show(list.get(i)));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) configuration;
            specs.add(StudyPlan.spec(fields, defaults, where));
        }
        return specs;
    }

    /** Checkpoints beside the store's database, every {@code minutes} of a run's training; none for a store in memory. */
    private static RunCheckpoints checkpoints(RunStore store, Object minutes) {
        double every = Fields.number("train_all", "checkpoint_minutes", minutes);
        if (!(every > 0)) {
            throw new IllegalArgumentException("train_all: checkpoint_minutes must be positive, not " + Fields.show(minutes));
        }
        Path folder = store.folder();
        return folder == null ? RunCheckpoints.NONE
                : RunCheckpoints.in(folder.resolve("checkpoints")).every(Duration.ofMillis(Math.round(every * 60_000)));
    }

    private static Engine engine(Object choice, Object workers, RunCheckpoints checkpoints) {
        long count = workers == null ? 0 : Fields.wholeNumber("train_all", "workers", workers);
        if (choice == null) {
            if (count < 1 && workers != null) {
                throw new IllegalArgumentException("train_all: workers must be at least 1 (1: one run at a time), not " + count);
            }
            return new LocalEngine((int) Math.min(count, Integer.MAX_VALUE), checkpoints);
        }
        if (choice instanceof EngineChoice named) {
            if (workers != null) {
                throw new IllegalArgumentException("train_all: workers is for the local engine; " + named.name()
                        + " decides its own (give it cores in its master, such as local[4])");
            }
            return named.open();
        }
        throw new IllegalArgumentException("train_all: engine must be an engine such as spark(\"local[2]\"), or none for "
                + "this machine's cores, not " + Fields.show(choice));
    }

    /** The runs in order; a failed run as a record of its failure. */
    private static List<Object> values(StudyResult result) {
        List<Object> values = new ArrayList<>();
        for (RunOutcome outcome : result.outcomes()) {
            if (outcome.finished()) {
                values.add(outcome.run());
            } else {
                Map<String, Object> failed = new LinkedHashMap<>();
                failed.put("run_id", outcome.spec().runId());
                failed.put("status", "failed");
                failed.put("step", outcome.failure().step());
                failed.put("reason", outcome.failure().reason());
                failed.put("config", outcome.spec().config());
                values.add(failed);
            }
        }
        return values;
    }

    private StudyProgress listener(QatContext context) {
        PrintStream err = new PrintStream(context.env().err(), true);
        boolean terminal = System.console() != null && System.console().isTerminal();
        return new StudyProgress(err, terminal, columns(), System::nanoTime) {
            @Override
            public void poll() {
                TruffleSafepoint.poll(TrainAllBuiltin.this);
            }
        };
    }

    /** The terminal's width from $COLUMNS, as shells export it; 0 (lines not cut) when unknown. */
    private static int columns() {
        try {
            return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
