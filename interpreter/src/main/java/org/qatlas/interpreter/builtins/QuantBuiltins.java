package org.qatlas.interpreter.builtins;

import org.qatlas.stdlib.quant.FormatValue;
import org.qatlas.stdlib.quant.SchemeValue;

/**
 * The built-ins that describe quantization schemes: number formats {@code int(...)} and
 * {@code fp4(...)}, and {@code quant(...)}, which says what is quantized and how.
 */
final class QuantBuiltins {
    private QuantBuiltins() {
    }

    static void install(Builtins builtins) {
        builtins.addLibrary("int(bits, group = none, per = none, symmetric = true, lsq = false, clip = false)",
                "An integer format of 2 to 8 bits: AbsMax scales per group of inputs (group: 32) or per \"token\", "
                        + "\"channel\" or \"tensor\"; asymmetric with symmetric: false; learned step sizes (lsq, weights) "
                        + "or learned clipping (clip: true or \"group\", inputs). Paper A: int(4, group: 32).",
                a -> FormatValue.integer(a[0], a[1], a[2], a[3], a[4], a[5]));
        builtins.addLibrary("fp4(group = none, per = none, lsq = false, clip = false)",
                "The 4-bit floating-point format E2M1 (values 0, 0.5, 1, 1.5, 2, 3, 4, 6), with AbsMax scales.",
                a -> FormatValue.fp4(a[0], a[1], a[2], a[3]));
        builtins.addLibrary("quant(weights = none, acts = none, overrides = none)",
                "A quantization scheme: the format of linear-layer weights and of their inputs (none: full precision), "
                        + "and overrides by layer pattern, such as { \"*.fc2.input\": int(8) }; the last match wins. "
                        + "Embeddings and the LM head stay full precision unless a pattern names them.",
                a -> SchemeValue.of(a[0], a[1], a[2]));
    }
}
