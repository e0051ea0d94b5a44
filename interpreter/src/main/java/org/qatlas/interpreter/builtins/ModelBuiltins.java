package org.qatlas.interpreter.builtins;

import org.qatlas.interpreter.QatContext;
import org.qatlas.stdlib.data.Corpus;
import org.qatlas.stdlib.data.SyntheticLanguage;
import org.qatlas.stdlib.model.ModelValue;

/**
 * The built-ins that describe models and data: {@code llama(...)}, {@code synthetic(...)},
 * {@code corpus(...)}. {@code llama}'s parameters are the fields of the model's table.
 */
final class ModelBuiltins {
    private ModelBuiltins() {
    }

    static void install(Builtins builtins) {
        builtins.addTable(ModelValue.TABLE,
                "A Llama-3-style decoder (RMSNorm, RoPE, grouped-query attention, SwiGLU) over byte tokens. ffn defaults to "
                        + "8/3 of hidden, heads to hidden / 64, kv_heads to heads. Fields params, nonembed_params (the N of "
                        + "paper A) and flops_per_token follow from the shape.");
        builtins.addLibrary("synthetic(vocab = 64, tokens = 5000000, order = 4, zipf = 1, seed = 0, holdout = 0.05)",
                "A generated language whose entropy rate (field entropy, nats per token) is known exactly: the loss floor. "
                        + "Each token depends on the previous order tokens, nearer ones more; deterministic by seed.",
                a -> SyntheticLanguage.of(a[0], a[1], a[2], a[3], a[4], a[5]));
        builtins.addLibrary("corpus(path, holdout = 0.05, seed = 0)",
                "Byte tokens from a UTF-8 text file or every file under a folder, memory-mapped; a share holdout of it, "
                        + "chosen by seed, is held out for evaluation.",
                a -> Corpus.of(QatContext.get(null).files(), a[0], a[1], a[2]));
    }
}
