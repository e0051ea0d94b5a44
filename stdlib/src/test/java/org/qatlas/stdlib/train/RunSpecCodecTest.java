package org.qatlas.stdlib.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qatlas.stdlib.data.Corpus;
import org.qatlas.stdlib.data.SyntheticLanguage;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.quant.FormatValue;
import org.qatlas.stdlib.quant.SchemeValue;

class RunSpecCodecTest {
    private static final ModelValue MODEL = new ModelValue(2, 64, 172, 4, 2, 64);

    /** W4A4 in groups of 32, the FC2 input at 8 bits per token, the LM head at 6 bits, the attention output unquantized. */
    private static SchemeValue mixedScheme() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("*.fc2.input", FormatValue.INT.make(Map.of("bits", 8L, "per", "token")));
        overrides.put("lm_head.weight", 6L);
        overrides.put("*.attn.o.*", null);
        return new SchemeValue(FormatValue.INT.make(Map.of("bits", 4L, "group", 32L, "lsq", true)),
                FormatValue.FP4.make(Map.of("clip", true)), overrides);
    }

    private static Budget wsdBudget() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("tokens", 200_000L);
        settings.put("lr", 3e-3);
        settings.put("qat_fraction", 0.3);
        settings.put("fuse_cooldown", true);
        settings.put("schedule", Schedule.Wsd.TABLE.make(Map.of("cooldown", 0.2, "decay", "cosine")));
        return Budget.TABLE.make(settings);
    }

    @Test
    void aSpecReadBackIsTheSameRun() {
        RunSpec spec = new RunSpec(MODEL, mixedScheme(), wsdBudget(), SyntheticLanguage.generate(32, 20_000, 2, 1.0, 5, 0.1), 7);
        RunSpec back = RunSpecCodec.read(RunSpecCodec.write(spec), FileAccess.local());
        assertEquals(spec.runId(), back.runId());
        assertEquals(spec.config().toString(), back.config().toString());
        assertEquals(RunSpecCodec.write(spec), RunSpecCodec.write(back));
    }

    @Test
    void everySettingIsWrittenOutAndNothingIsNullButFullPrecision() {
        String json = RunSpecCodec.write(new RunSpec(MODEL, new SchemeValue(null, null), Budget.DEFAULT,
                SyntheticLanguage.generate(16, 5_000, 1, 1.0, 1, 0.1), 1));
        for (String setting : new String[] {"\"ffn\":172", "\"kv_heads\":2", "\"qat_fraction\":1.0", "\"kind\":\"cosine\"",
                "\"weight_decay\":0.1", "\"kind\":\"synthetic\"", "\"order\":1", "\"seed\":1"}) {
            assertTrue(json.contains(setting), setting + " in " + json);
        }
        assertTrue(json.contains("\"weights\":null,\"acts\":null"), json); // full precision, said so
        assertFalse(json.contains("\"budget\":null") || json.contains("\"scheme\":null"), json);
    }

    @Test
    void aCorpusIsReadAgainFromItsPathAndTheConfigurationListsWithoutReadingIt(@TempDir Path folder) throws Exception {
        Path text = folder.resolve("text.txt");
        Files.writeString(text, "the quick brown fox jumps over the lazy dog. ".repeat(200));
        RunSpec spec = new RunSpec(MODEL, mixedScheme(), Budget.DEFAULT, Corpus.open(text, 0.1, 3), 2);
        String json = RunSpecCodec.write(spec);
        assertEquals(spec.runId(), RunSpecCodec.read(json, FileAccess.local()).runId());
        Files.delete(text);
        Map<String, Object> config = RunSpecCodec.config(json);
        assertEquals(spec.config().toString(), config.toString());
        IllegalArgumentException gone = assertThrows(IllegalArgumentException.class,
                () -> RunSpecCodec.read(json, FileAccess.local()));
        assertTrue(gone.getMessage().contains("text.txt"), gone.getMessage());
    }

    @Test
    void textThatIsNoConfigurationIsRefusedSayingWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunSpecCodec.read("x", FileAccess.local()))
                .getMessage().startsWith("not a run configuration (JSON that does not parse: Unrecognized token 'x'"));
        String noModel = RunSpecCodec.write(new RunSpec(MODEL, new SchemeValue(null, null), Budget.DEFAULT,
                SyntheticLanguage.generate(16, 5_000, 1, 1.0, 1, 0.1), 1)).replace("\"kind\":\"llama\"", "\"kind\":\"gpt\"");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunSpecCodec.read(noModel, FileAccess.local()))
                .getMessage().startsWith("no value of kind 'gpt' can be read (known: llama, quant, int, fp4, budget"));
        String badBits = noModel.replace("\"kind\":\"gpt\"", "\"kind\":\"llama\"").replace("\"layers\":2", "\"layers\":-2");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunSpecCodec.read(badBits, FileAccess.local()))
                .getMessage().startsWith("llama: layers"));
    }
}
