package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import java.io.PrintStream;
import org.qatlas.interpreter.QatContext;
import org.qatlas.interpreter.runtime.DomainValue;
import org.qatlas.interpreter.runtime.JavaValues;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.Values;
import org.qatlas.stdlib.data.TokenData;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.quant.SchemeValue;
import org.qatlas.stdlib.text.NumberText;
import org.qatlas.stdlib.io.FileAccessRefused;
import org.qatlas.stdlib.train.Budget;
import org.qatlas.stdlib.train.CheckpointPlan;
import org.qatlas.stdlib.train.Monitor;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.Trainer;
import org.qatlas.stdlib.value.Fields;

/**
 * {@code train(model, scheme, budget, data, seed: 1)}: trains and returns the run record; with
 * {@code checkpoint: "runs/x.ckpt"} it saves its state every {@code every} steps and resumes
 * from that file when it holds an unfinished run of the same configuration. On
 * a terminal it keeps a progress line on standard error; between steps it lets the context
 * interrupt the run (Ctrl-C in the REPL), which stops it cleanly.
 */
@GenerateNodeFactory
public abstract class TrainBuiltin extends BuiltinNode {
    @Specialization
    @TruffleBoundary
    protected Object train(Object model, Object scheme, Object budget, Object data, Object seed, Object checkpoint, Object every,
            Object backend) {
        ModelValue m = expect(model, ModelValue.class, "model", "llama(...)");
        SchemeValue s = expect(scheme, SchemeValue.class, "scheme", "quant(...)");
        Budget b = expect(budget, Budget.class, "budget", "budget(...)");
        TokenData d = expect(data, TokenData.class, "data", "synthetic(...) or corpus(...)");
        try {
            long runSeed = Fields.wholeNumber("train", "seed", JavaValues.toJava(seed));
            Object path = JavaValues.toJava(checkpoint);
            String file = path == null ? null : Fields.string("train", "checkpoint", path);
            long checkpointEvery = Fields.wholeNumber("train", "every", JavaValues.toJava(every));
            CheckpointPlan plan = new CheckpointPlan(QatContext.get(this).files(), file, checkpointEvery);
            String backendName = QatContext.get(this).backend(JavaValues.toJava(backend), "train");
            return JavaValues.toQat(Trainer.train(new RunSpec(m, s, b, d, runSeed, backendName), plan, monitor(),
                    QatContext.get(this).runStore()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new QatException(e.getMessage(), this);
        } catch (FileAccessRefused e) {
            throw new QatException("train: " + e.getMessage(), this);
        } catch (OutOfMemoryError e) {
            // What the estimate let through did not fit after all; the run's arrays are garbage now.
            throw new QatException("train: out of memory while training " + m.written() + " with batch " + b.batch()
                    + " (" + e.getMessage() + "); give the JVM more memory (QAT_JAVA_OPTS=-Xmx...) or train a smaller model or batch",
                    this);
        }
    }

    private <T> T expect(Object value, Class<T> type, String what, String example) {
        if (value instanceof DomainValue domain && type.isInstance(domain.unwrap())) {
            return type.cast(domain.unwrap());
        }
        throw new QatException("train(): " + what + " must be a " + what + " such as " + example + ", not " + Values.describe(value), this);
    }

    private Monitor monitor() {
        PrintStream err = new PrintStream(QatContext.get(this).env().err(), true);
        boolean terminal = System.console() != null && System.console().isTerminal();
        return new Monitor() {
            private long lastDraw;

            @Override
            public void step(long step, long steps, long tokens, double loss, double tokensPerSecond) {
                TruffleSafepoint.poll(TrainBuiltin.this);
                long now = System.nanoTime();
                if (terminal && (now - lastDraw > 200_000_000L || step == steps)) {
                    lastDraw = now;
                    double eta = (steps - step) * (double) tokens / step / tokensPerSecond;
                    err.printf("\r  step %d/%d  %s tokens  loss %.4f  %s tokens/s  ETA %.0fs   ", step, steps,
                            NumberText.si(tokens), loss, NumberText.si(tokensPerSecond), eta);
                }
            }

            @Override
            public void poll() {
                TruffleSafepoint.poll(TrainBuiltin.this);
            }

            @Override
            public void warning(String message) {
                if (terminal) {
                    err.print("\r\033[K"); // below the progress line, not on top of it
                }
                err.println(message);
            }

            @Override
            public void done() {
                if (terminal) {
                    err.print("\r\033[K");
                    err.flush();
                }
            }
        };
    }
}
