package org.qatlas.stdlib.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.qatlas.stdlib.model.LlamaConfig;
import org.qatlas.stdlib.model.ModelValue;
import org.qatlas.stdlib.text.NumberText;

/**
 * The sizes a run must keep whatever the machine, checked before it starts so that a script
 * gets a plain refusal at its {@code train(...)} call instead of an overflow deep inside:
 * <ul>
 *   <li>every array the run makes must fit in one Java array (a parameter is initialised in
 *       one, and the kernels keep activations, logits and attention scores in them), so no
 *       tensor may have more than {@link #MAX_ARRAY} values;</li>
 *   <li>the loss history is one array of the steps, so no more steps than that;</li>
 *   <li>the budget must pay for at least one step of batch × seq tokens (rounding it up to one
 *       step would train and report tokens the budget never gave);</li>
 *   <li>the held-out evaluation reads no more windows than a run has steps: more would run for
 *       days at any size.</li>
 * </ul>
 */
public final class RunLimits {
    /** The longest array a JVM reliably makes (the JDK's own soft limit, ArraysSupport.SOFT_MAX_ARRAY_LENGTH). */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private RunLimits() {
    }

    /** Throws an IllegalArgumentException ("train: ...") if training {@code model} within {@code budget} cannot be held. */
    public static void check(ModelValue model, Budget budget) {
        LlamaConfig config = model.config();
        Tensor largest = largestTensor(config, budget.batch());
        if (largest.values() > MAX_ARRAY) {
            throw new IllegalArgumentException("train: " + model.written() + " is too large to train with batch "
                    + budget.batch() + ": " + largest.name() + " " + largest.shape() + " would have "
                    + grouped(largest.values()) + " values, more than the " + grouped(MAX_ARRAY)
                    + " one Java array holds; " + largest.remedy());
        }
        long stepTokens = (long) budget.batch() * config.seq();
        if (budget.tokens() < stepTokens) {
            throw new IllegalArgumentException("train: a budget of " + tokens(budget.tokens())
                    + " is less than one step of " + budget.batch() + " × " + config.seq() + " = " + grouped(stepTokens)
                    + " tokens (batch × seq); give at least " + grouped(stepTokens) + " tokens, or a smaller batch or seq");
        }
        long steps = budget.tokens() / stepTokens;
        if (steps > MAX_ARRAY) {
            throw new IllegalArgumentException("train: a budget of " + tokens(budget.tokens()) + " is " + grouped(steps)
                    + " steps of " + budget.batch() + " × " + config.seq() + " = " + grouped(stepTokens)
                    + " tokens, more than the " + grouped(MAX_ARRAY) + " steps one run can record; give fewer tokens or a larger batch");
        }
        long windows = budget.evalTokens() / config.seq();
        if (windows > MAX_ARRAY) {
            throw new IllegalArgumentException("train: eval_tokens of " + grouped(budget.evalTokens()) + " is " + grouped(windows)
                    + " held-out windows of " + config.seq() + " tokens, more than the " + grouped(MAX_ARRAY)
                    + " one evaluation reads; give fewer eval_tokens");
        }
    }

    /** One array a run makes: what it is, its shape as users know it, its length, and how to make it smaller. */
    record Tensor(String name, String shape, long values, String remedy) {
    }

    /**
     * The longest array of a run: the parameters (each initialised in one array), the
     * activations the kernels keep as Java arrays ([batch × seq, hidden], the MLP's
     * [batch × seq, 2 × ffn], the logits [batch × seq, vocab]) and one head's attention scores
     * [seq, seq]. Sizes are exact products in long arithmetic: every factor is an int, and
     * no product of two ints overflows a long.
     */
    static Tensor largestTensor(LlamaConfig c, int batch) {
        long rows = (long) batch * c.seq();
        List<Tensor> tensors = new ArrayList<>();
        tensors.add(new Tensor("embed.weight", "[" + c.vocab() + ", " + c.hidden() + "]", (long) c.vocab() * c.hidden(),
                "use a smaller vocab or hidden"));
        tensors.add(new Tensor("each layer's attn.q.weight", "[" + c.hidden() + ", " + c.hidden() + "]",
                (long) c.hidden() * c.hidden(), "use a smaller hidden"));
        tensors.add(new Tensor("each layer's mlp.gate.weight", "[" + c.hidden() + ", " + c.ffn() + "]",
                (long) c.hidden() * c.ffn(), "use a smaller hidden or ffn"));
        tensors.add(new Tensor("the MLP's [gate | up] activations", "[" + grouped(rows) + ", 2 × " + c.ffn() + "]",
                multiply(rows, 2L * c.ffn()), "use a smaller batch, seq or ffn"));
        tensors.add(new Tensor("the activations", "[" + grouped(rows) + ", " + c.hidden() + "]", multiply(rows, c.hidden()),
                "use a smaller batch, seq or hidden"));
        tensors.add(new Tensor("the logits", "[" + grouped(rows) + ", " + c.vocab() + "]", multiply(rows, c.vocab()),
                "use a smaller batch, seq or vocab"));
        tensors.add(new Tensor("one head's attention scores", "[" + c.seq() + ", " + c.seq() + "]",
                (long) c.seq() * c.seq(), "use a smaller seq"));
        Tensor largest = tensors.get(0);
        for (Tensor tensor : tensors) {
            if (tensor.values() > largest.values()) {
                largest = tensor;
            }
        }
        return largest;
    }

    /** a × b, or Long.MAX_VALUE where that overflows (it is then far beyond any limit). */
    private static long multiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A token count as scripts write it, "1T" or "1,000" below a million. */
    private static String tokens(long count) {
        String text = count < 1_000_000 ? grouped(count) : NumberText.si(count);
        return text + (count == 1 ? " token" : " tokens");
    }
}
