package org.qatlas.interpreter;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes programs that call the domain built-ins, {@code llama}, {@code int}, {@code fp4},
 * {@code quant}, {@code budget}, the schedules, {@code synthetic}, {@code corpus} and
 * {@code train}, with random and boundary arguments: zero, negative, fractional, huge
 * (1e30, 2^31, 2^63), nan and inf, strings, none, lists and records, now and then in place of
 * a sensible value. Fields are read and values changed with {@code with} as well.
 *
 * <p>What may be trained stays tiny: the sensible sizes are a layer or two of width 8 or 16
 * over windows of at most 16 tokens, budgets of one to three steps, a few hundred held-out
 * tokens; every boundary value is either refused or so large that the run's limits refuse it
 * before anything is allocated. So a program that trains takes a fraction of a second.
 *
 * <p>Files are left to the tests of the sandbox and the store: {@code corpus(...)} reads only a
 * missing path, an empty one or a small folder, and checkpoints are written nowhere.
 */
final class FuzzDomainGenerator {
    /** Boundary values for any argument: each is wrong, or a size far too large to train. */
    private static final String[] EDGES = {
        "0", "-1", "0.5", "-0.5", "1e30", "-1e30", "(0 / 0)", "(1 / 0)", "(-1 / 0)", "2 ^ 31", "2 ^ 31 - 1", "2 ^ 62",
        "2 ^ 63", "9223372036854775807", "1e-300", "\"4\"", "\"\"", "none", "[4]", "[]", "{}", "{ a: 1 }", "true",
        "llama(layers: 1, hidden: 8)", "quant()",
    };
    /**
     * Boundary values of a budget's tokens: as EDGES, without the ones near 2^31, which are
     * hundreds of millions of steps of the tiny windows: a run that starts (and has its loss
     * history allocated) and is then cancelled, which tests nothing the others do not.
     */
    private static final String[] TOKEN_EDGES = {
        "0", "-1", "0.5", "1e30", "(0 / 0)", "(1 / 0)", "2 ^ 62", "2 ^ 63", "9223372036854775807", "1T", "\"4\"", "none", "[4]",
    };
    /** Boundary values of a bit width or a group size. */
    private static final String[] FORMAT_EDGES = {
        "0", "-1", "0.5", "1e30", "(0 / 0)", "(1 / 0)", "2 ^ 31", "2 ^ 32 + 4", "2 ^ 63", "\"4\"", "none", "[4]", "{}",
        "true", "1", "3", "9", "64",
    };
    /**
     * Boundary values of eval_tokens: as EDGES, without the ones from 2^31 to 2^62, which are
     * refused only as more windows than a run reads after an evaluation of many minutes starts.
     */
    private static final String[] EVAL_EDGES = {
        "0", "-1", "0.5", "1e30", "(0 / 0)", "(1 / 0)", "2 ^ 63", "9223372036854775807", "\"4\"", "none", "[4]", "1",
    };

    private final Random random;
    /**
     * The chance that an argument gets a boundary value, drawn per program: none in two
     * programs of five (so that they train), few in two, many in one.
     */
    private double edgeRate;

    FuzzDomainGenerator(Random random) {
        this.random = random;
    }

    /** A program that builds a model, a scheme, a budget and data, looks at them and usually trains. */
    String program() {
        int mode = random.nextInt(5);
        edgeRate = mode < 2 ? 0 : mode < 4 ? 0.04 : 0.2;
        StringBuilder out = new StringBuilder();
        out.append("m = ").append(llama()).append('\n');
        out.append("s = ").append(quant()).append('\n');
        out.append("b = ").append(budget()).append('\n');
        out.append("d = ").append(data()).append('\n');
        if (random.nextInt(3) == 0) {
            out.append(pick("print(m.params, m.nonembed_params, m.flops_per_token)", "print(m with { " + llamaField() + " })",
                    "print(b with { " + budgetField() + " })", "print(s with { weights: " + format(true) + " })",
                    "print(s, b.tokens, d.vocab)", "print(m, s, b, d)")).append('\n');
        }
        if (random.nextInt(5) > 0) {
            String changed = random.nextInt(4) == 0 ? " with { " + budgetField() + " }" : "";
            // Now and then the arguments in the wrong places.
            String order = edge() ? pick("s, m, b", "m, b, s", "m, s, d") : "m, s, b";
            out.append("r = train(").append(order).append(changed).append(", d")
                    .append(random.nextInt(4) == 0 ? ", seed: " + value(List.of("1", "7")) : "")
                    // A bad interval is refused before the checkpoint's path is touched.
                    .append(edge() ? ", checkpoint: \"never/written.ckpt\", every: " + pick("0", "-5", "0.5", "\"x\"") : "")
                    .append(")\n");
            out.append(pick("print(r.loss > 0, r.steps, r.tokens)", "print(len(r.curve), r.curve[-1].phase)",
                    "print(keys(r.diagnostics))", "print(r.config.model)")).append('\n');
        }
        return out.toString();
    }

    private String llama() {
        int hidden = pick(8, 16);
        List<String> arguments = new ArrayList<>();
        arguments.add("layers: " + value(List.of("1", "2")));
        arguments.add("hidden: " + value(List.of(Integer.toString(hidden))));
        optional(arguments, "ffn", List.of("8", "16", "24"));
        if (random.nextBoolean()) {
            arguments.add("heads: " + value(List.of("2", hidden == 16 ? "4" : "2")));
            optional(arguments, "kv_heads", List.of("1", "2"));
        }
        arguments.add("seq: " + value(List.of("4", "8", "16")));
        optional(arguments, "vocab", List.of("16", "32", "256"));
        optional(arguments, "tied", List.of("true", "false"));
        return "llama(" + String.join(", ", arguments) + ")";
    }

    private String llamaField() {
        return pick("layers", "hidden", "ffn", "heads", "kv_heads", "seq", "vocab", "tied", "params") + ": "
                + value(List.of("1", "2", "8"));
    }

    /** A scheme, or now and then something else in its place. */
    private String quant() {
        if (edge()) {
            return pick(EDGES);
        }
        List<String> arguments = new ArrayList<>();
        if (random.nextBoolean()) {
            arguments.add("weights: " + format(true));
        }
        if (random.nextBoolean()) {
            arguments.add("acts: " + format(false));
        }
        if (random.nextInt(4) == 0) {
            arguments.add("overrides: " + (edge() ? pick(EDGES) : pick("{ \"*.fc2.input\": int(8, per: \"token\") }",
                    "{ \"*.fc2.input\": 8 }", "{ \"layers.0.*\": none }", "{ \"nothing.*\": int(4) }", "{}",
                    "{ \"*.fc1.input\": " + format(false) + " }", "{ \"*.fc2.weight\": " + format(true) + " }",
                    "{ \"*.fc2.weight\": \"x\" }", "{ \"head.weight\": int(8) }")));
        }
        return "quant(" + String.join(", ", arguments) + ")";
    }

    /**
     * A number format for weights or for layer inputs: usually one that suits them (LSQ and
     * per-channel scales for weights, clipping and per-token scales for inputs), now and then
     * any setting at all.
     */
    private String format(boolean weight) {
        if (edge()) {
            return pick("none", "4", "\"int4\"", "[]", "quant()");
        }
        boolean any = edge();
        List<String> arguments = new ArrayList<>();
        boolean integer = random.nextInt(3) > 0;
        if (integer) {
            arguments.add(edge() ? pick(FORMAT_EDGES) : pick("2", "4", "8"));
        }
        int scales = random.nextInt(3);
        if (scales == 0 || any) {
            arguments.add("group: " + (edge() ? pick(FORMAT_EDGES) : pick("4", "8", "32")));
        }
        if (scales == 1 || any) {
            arguments.add("per: " + (any ? pick("\"token\"", "\"channel\"", "\"tensor\"", "\"row\"", "4", "none")
                    : weight ? pick("\"channel\"", "\"tensor\"") : pick("\"token\"", "\"tensor\"")));
        }
        if (integer && (any || random.nextInt(5) == 0)) {
            arguments.add("symmetric: " + (any ? pick("true", "false", "1", "\"no\"") : "false"));
        }
        boolean symmetric = arguments.stream().noneMatch(a -> a.startsWith("symmetric"));
        if (any || weight && symmetric && random.nextInt(4) == 0) {
            arguments.add("lsq: " + (any ? pick("true", "false", "1") : "true"));
        }
        if (any || !weight && symmetric && random.nextInt(4) == 0) {
            arguments.add("clip: " + (any ? pick("true", "false", "\"group\"", "\"tensor\"", "\"bogus\"", "2")
                    : scales == 0 ? pick("true", "\"group\"") : "true"));
        }
        return (integer ? "int(" : "fp4(") + String.join(", ", arguments) + ")";
    }

    private String budget() {
        int steps = 1 + random.nextInt(3);
        List<String> arguments = new ArrayList<>();
        // Tokens for the sensible sizes: a few steps of at most 4 × 16, sometimes less than one.
        arguments.add("tokens: " + (edge() ? pick(TOKEN_EDGES) : pick(Integer.toString(steps * 64),
                Integer.toString(steps * 16), Integer.toString(steps * 32), random.nextInt(10) == 0 ? "10" : "256")));
        arguments.add("batch: " + value(List.of("1", "2", "4")));
        optional(arguments, "lr", List.of("1e-3", "0.01", "3e-3"));
        optional(arguments, "schedule", List.of("cosine()", "wsd()", "constant()", "wsd(cooldown: 0.5, decay: \"cosine\")",
                "cosine(warmup: " + value(List.of("0", "0.1")) + ", floor: " + value(List.of("0", "0.1")) + ")",
                "wsd(cooldown: " + value(List.of("0.2", "0.95")) + ")", "constant(warmup: " + value(List.of("0.5")) + ")"));
        optional(arguments, "qat_fraction", List.of("0", "0.5", "1"));
        optional(arguments, "fuse_cooldown", List.of("true", "false"));
        optional(arguments, "reset_optimizer", List.of("true", "false"));
        optional(arguments, "beta1", List.of("0.9", "0"));
        optional(arguments, "beta2", List.of("0.95", "0.999"));
        optional(arguments, "eps", List.of("1e-8", "1e-6"));
        optional(arguments, "weight_decay", List.of("0", "0.1"));
        optional(arguments, "grad_clip", List.of("0", "1"));
        arguments.add("eval_tokens: " + (edge() ? pick(EVAL_EDGES) : pick("16", "32", "64")));
        return "budget(" + String.join(", ", arguments) + ")";
    }

    private String budgetField() {
        String name = pick("tokens", "batch", "lr", "qat_fraction", "beta1", "grad_clip", "schedule", "fuse_cooldown", "steps");
        if (edge()) {
            return name + ": " + (name.equals("tokens") ? pick(TOKEN_EDGES) : pick(EDGES));
        }
        return switch (name) {
            case "tokens" -> "tokens: " + pick("64", "128", "10");
            case "batch" -> "batch: " + pick("1", "2");
            case "schedule" -> "schedule: " + pick("cosine()", "wsd()");
            case "fuse_cooldown" -> "fuse_cooldown: true";
            case "steps" -> "steps: 2"; // not a field: an error
            default -> name + ": 0.5";
        };
    }

    private String data() {
        if (edge()) {
            return pick(EDGES);
        }
        if (random.nextInt(8) == 0) {
            return "corpus(" + pick("\"no/such/folder\"", "\"\"", "\"src/test/resources/golden/values\"")
                    + (edge() ? ", holdout: " + pick(EDGES) : "") + ")";
        }
        List<String> arguments = new ArrayList<>();
        arguments.add("vocab: " + value(List.of("16", "4", "8")));
        arguments.add("tokens: " + (edge() ? pick("0", "-1", "1000", "0.5", "1e30", "2 ^ 31", "(0 / 0)", "\"2K\"", "none",
                "2 ^ 32 + 2000") : pick("2K", "3000")));
        optional(arguments, "order", List.of("1", "2", "3"));
        optional(arguments, "zipf", List.of("0", "1", "2"));
        optional(arguments, "seed", List.of("0", "3"));
        optional(arguments, "holdout", List.of("0", "0.05", "0.5"));
        return "synthetic(" + String.join(", ", arguments) + ")";
    }

    /** Adds {@code name: value} half the time, the value sensible or, now and then, an edge. */
    private void optional(List<String> arguments, String name, List<String> sensible) {
        if (random.nextBoolean()) {
            arguments.add(name + ": " + value(sensible));
        }
    }

    /** One of the sensible values, or at the program's rate an edge value. */
    private String value(List<String> sensible) {
        return edge() ? pick(EDGES) : sensible.get(random.nextInt(sensible.size()));
    }

    private boolean edge() {
        return random.nextDouble() < edgeRate;
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private int pick(int a, int b) {
        return random.nextBoolean() ? a : b;
    }
}
