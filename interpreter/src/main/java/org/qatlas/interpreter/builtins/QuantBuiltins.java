package org.qatlas.interpreter.builtins;

import org.qatlas.stdlib.quant.FormatValue;
import org.qatlas.stdlib.quant.SchemeValue;

/**
 * The built-ins that describe quantization schemes: number formats {@code int(...)} and
 * {@code fp4(...)}, and {@code quant(...)}, which says what is quantized and how. Their
 * parameters are the fields of the values' tables.
 */
final class QuantBuiltins {
    private QuantBuiltins() {
    }

    static void install(Builtins builtins) {
        builtins.add(FormatValue.INT,
                "An integer format of 2 to 8 bits: AbsMax scales per group of inputs (group: 32) or per \"token\", "
                        + "\"channel\" or \"tensor\"; asymmetric with symmetric: false; learned step sizes (lsq, weights) "
                        + "or learned clipping (clip: true or \"group\", inputs). Paper A: int(4, group: 32).");
        builtins.add(FormatValue.FP4,
                "The 4-bit floating-point format E2M1 (values 0, 0.5, 1, 1.5, 2, 3, 4, 6), with AbsMax scales.");
        builtins.add(SchemeValue.TABLE,
                "A quantization scheme: the format of linear-layer weights and of their inputs (none: full precision), "
                        + "and overrides by layer pattern, such as { \"*.fc2.input\": int(8) }; the last match wins. "
                        + "Embeddings and the LM head stay full precision unless a pattern names them.");
    }
}
