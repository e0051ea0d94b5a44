package org.qatlas.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qatlas.stdlib.data.SyntheticLanguage;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.quant.FormatValue;
import org.qatlas.stdlib.quant.SchemeValue;
import org.qatlas.stdlib.text.NumberText;
import org.qatlas.stdlib.train.Budget;
import org.qatlas.stdlib.train.CheckpointPlan;
import org.qatlas.stdlib.train.Monitor;
import org.qatlas.stdlib.train.RunFailure;
import org.qatlas.stdlib.train.RunRecord;
import org.qatlas.stdlib.train.RunSpec;
import org.qatlas.stdlib.train.RunStore;
import org.qatlas.stdlib.train.Trainer;

/** {@code qat runs}: a store of two tiny finished runs and a failed one, listed as a table and as CSV. */
class RunsCommandTest {
    private static final ModelValue TINY = new ModelValue(1, 16, 32, 2, 1, 16, 16, false);
    private static final SyntheticLanguage DATA = SyntheticLanguage.generate(16, 20_000, 2, 1.0, 3, 0.1);
    private static final Budget BUDGET = Budget.DEFAULT.with(4 * 8 * 16, 8, 1e-2).withEvalTokens(256);
    private static final SchemeValue W4 = new SchemeValue(FormatValue.INT.make(Map.of("bits", 4L, "group", 8L)), null);

    @TempDir
    static Path folder;
    private static Path file;
    private static RunRecord fp;
    private static RunRecord w4;

    record Outcome(int status, String out, String err) {
    }

    @BeforeAll
    static void storeOfTwoRunsAndAFailure() {
        file = folder.resolve("runs.db");
        try (RunStore store = RunStore.open(file)) {
            fp = Trainer.train(TINY, new SchemeValue(null, null), BUDGET, DATA, 1, CheckpointPlan.NONE, Monitor.NONE, store);
            w4 = Trainer.train(TINY, W4, BUDGET, DATA, 2, CheckpointPlan.NONE, Monitor.NONE, store);
            store.fail(new RunSpec(TINY, W4, BUDGET, DATA, 3), new RunFailure(2, "train: the loss exploded to 61.2 at step 2"));
        }
    }

    private static Outcome runs(String... arguments) {
        return runsAt(file, arguments);
    }

    private static Outcome runsAt(Path location, String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RunsCommand.run(List.of(arguments), location.toString(), new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8));
        return new Outcome(status, out.toString(UTF_8), err.toString(UTF_8));
    }

    @Test
    void aTableOfTheFinishedRuns() {
        Outcome listed = runs();
        assertEquals(Main.OK, listed.status(), listed.err());
        String[] lines = listed.out().split("\n");
        assertEquals(3, lines.length, listed.out());
        assertTrue(lines[0].matches("run_id +status +N +layers +hidden +weights +acts +tokens +seed +loss +eval_loss "
                + "+tokens/s +engine"), lines[0]);
        String fpLine = lines[1].startsWith(fp.runId()) ? lines[1] : lines[2];
        String w4Line = lines[1].startsWith(fp.runId()) ? lines[2] : lines[1];
        String n = NumberText.si(TINY.config().nonEmbeddingParams()).replace(".", "\\.");
        assertTrue(fpLine.matches(fp.runId() + " +finished +" + n + " +1 +16 +none +none +512 +1 +"
                + String.format("%.4f", fp.loss()).replace(".", "\\.") + " .*"), fpLine);
        assertTrue(w4Line.contains(" int(4, group: 8)  none "), w4Line);
    }

    @Test
    void filtersAndStatusSelectRows() {
        Outcome w4Only = runs("weight_bits=4");
        assertEquals(2, w4Only.out().split("\n").length, w4Only.out());
        assertTrue(w4Only.out().contains(w4.runId()), w4Only.out());
        Outcome failed = runs("--status", "failed");
        assertTrue(failed.out().split("\n")[0].endsWith("seed  step  reason"), failed.out());
        assertTrue(failed.out().split("\n")[1].endsWith("3     2  train: the loss exploded to 61.2 at step 2"), failed.out());
        assertEquals(new Outcome(Main.OK, "no finished runs match the filter in " + file + "\n", ""), runs("layers=2"));
    }

    @Test
    void csvHasEveryColumn() {
        Outcome csv = runs("--csv", "seed=2");
        String[] lines = csv.out().split("\n");
        assertEquals(String.join(",", RunStore.listedColumns()), lines[0]);
        assertEquals(2, lines.length, csv.out());
        assertTrue(lines[1].startsWith(w4.runId() + ",1,finished,\"train(llama(layers: 1, hidden: 16, ffn: 32, heads: 2, "
                + "kv_heads: 1, seq: 16, vocab: 16, tied: false), quant(weights: int(bits: 4, group: 8, "), lines[1]);
    }

    @Test
    void wrongFiltersAndFilesAreReported() throws Exception {
        Outcome wrong = runs("lyers=2");
        assertEquals(Main.USAGE_ERROR, wrong.status());
        assertTrue(wrong.err().startsWith("qat runs: cannot filter on 'lyers' (did you mean 'layers'?); the filters are "),
                wrong.err());
        assertEquals(new Outcome(Main.USAGE_ERROR, "", "qat runs: 'layers' is not NAME=VALUE, such as layers=2\n"
                + "run 'qat --help' for usage\n"), runs("layers"));
        Path notes = Files.writeString(folder.resolve("notes.txt"), "not a store\n".repeat(200));
        Outcome text = runsAt(notes);
        assertEquals(Main.SCRIPT_ERROR, text.status());
        assertTrue(text.err().startsWith("qat runs: the run store " + notes + " is not a Qatlas run store"), text.err());
    }
}
