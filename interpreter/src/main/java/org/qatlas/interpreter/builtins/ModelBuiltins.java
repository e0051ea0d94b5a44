package org.qatlas.interpreter.builtins;

import org.qatlas.stdlib.data.Corpus;
import org.qatlas.stdlib.data.SyntheticLanguage;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.model.ModelValue;

/**
 * The built-ins that describe models and data: {@code llama(...)}, {@code synthetic(...)},
 * {@code corpus(...)}. Their parameters are the fields of the values' tables; corpus's table
 * reads files through those of the context the built-ins are made for.
 */
final class ModelBuiltins {
    private ModelBuiltins() {
    }

    static void install(Builtins builtins, FileAccess files) {
        builtins.add(ModelValue.TABLE,
                "A Llama-3-style decoder (RMSNorm, RoPE, grouped-query attention, SwiGLU) over byte tokens. ffn defaults to "
                        + "8/3 of hidden, heads to hidden / 64, kv_heads to heads. Fields params, nonembed_params (the N of "
                        + "paper A) and flops_per_token follow from the shape.");
        builtins.add(SyntheticLanguage.TABLE,
                "A generated language whose entropy rate (field entropy, nats per token) is known exactly: the loss floor. "
                        + "Each token depends on the previous order tokens, nearer ones more; deterministic by seed.");
        builtins.add(Corpus.table(files),
                "Byte tokens from a UTF-8 text file or every file under a folder, read through the context's files, or "
                        + "from a text that ships with the language (\"builtin:austen\", needing no file access); a "
                        + "share holdout of it, chosen by seed, is held out for evaluation (with holdout: 0 runs have no "
                        + "eval_loss).");
    }
}
