package org.qatlas.stdlib.quant;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A quantization scheme for a whole model: one spec for weights, one for layer inputs, and
 * overrides for tensors matched by name patterns ("*.fc2.input" at 8 bits, as in paper A).
 *
 * <p>Tensor names are a layer's name and a role: "layers.3.fc2.weight", "layers.3.fc2.input".
 * The effective spec of a tensor is the role's default, replaced by the spec of the LAST rule
 * whose pattern matches the name (later rules refine earlier ones, as in CSS or .gitignore).
 *
 * <p>The embedding and the LM head ({@link #FULL_PRECISION_LAYERS}: a layer whose last name
 * component is "embed" or "head") stay in full precision, as in paper A's setup, unless a rule
 * names them: its pattern must match the tensor AND spell the layer's name as a whole
 * component ("head.weight", "*.head.input", "head.*"). A broad pattern such as "*.weight" or "*"
 * thus never quantizes them by accident.
 *
 * <p>Schemes are immutable: {@link #override} returns a new scheme with one more rule. Whether a
 * spec suits the tensors it reaches is checked by {@link #resolve}, where it reaches them.
 */
public final class Scheme {
    /** Layers kept in full precision unless a rule names them. */
    public static final Set<String> FULL_PRECISION_LAYERS = Set.of("embed", "head");

    /** No quantization anywhere. */
    public static final Scheme FULL_PRECISION = new Scheme(QuantSpec.NONE, QuantSpec.NONE);

    /**
     * One override: a pattern and either a whole spec or only a bit width ({@code spec} null,
     * {@code bits} > 0) which changes the width of the role's default and keeps the rest.
     */
    public record Rule(GlobPattern pattern, QuantSpec spec, int bits) {
        public Rule {
            Objects.requireNonNull(pattern, "pattern");
            if (spec == null) {
                new IntFormat(bits, true); // validates the width, with the format's own message
            } else if (bits != 0) {
                throw new IllegalArgumentException("a rule has either a spec or a bit width, not both");
            }
        }

        /** The spec this rule gives a tensor of {@code role} whose scheme default is {@code base}. */
        QuantSpec applyTo(QuantSpec base, Role role) {
            if (spec != null) {
                return spec;
            }
            if (base.isNone()) {
                // Nothing to keep: the finest granularity that needs no group size.
                return QuantSpec.of(IntFormat.symmetric(bits),
                        role == Role.WEIGHT ? Granularity.CHANNEL : Granularity.TOKEN);
            }
            return base.withBits(bits);
        }

        @Override
        public String toString() {
            return pattern + ": " + (spec != null ? spec.toString() : Integer.toString(bits));
        }
    }

    private final QuantSpec weights;
    private final QuantSpec inputs;
    private final List<Rule> rules;

    public Scheme(QuantSpec weights, QuantSpec inputs) {
        this(weights, inputs, List.of());
    }

    private Scheme(QuantSpec weights, QuantSpec inputs, List<Rule> rules) {
        this.weights = Objects.requireNonNull(weights, "weights");
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        this.rules = List.copyOf(rules);
    }

    /** This scheme with one more rule, which wins over all earlier ones where it matches. */
    public Scheme override(String pattern, QuantSpec spec) {
        return withRule(new Rule(new GlobPattern(pattern), Objects.requireNonNull(spec, "spec"), 0));
    }

    /**
     * This scheme with one more rule that changes only the bit width: {@code overrideBits(
     * "*.fc2.input", 8)} keeps the FC2 inputs' granularity and options at 8 bits.
     */
    public Scheme overrideBits(String pattern, int bits) {
        return withRule(new Rule(new GlobPattern(pattern), null, bits));
    }

    private Scheme withRule(Rule rule) {
        List<Rule> more = new ArrayList<>(rules);
        more.add(rule);
        return new Scheme(weights, inputs, more);
    }

    /**
     * The effective spec of the tensor with {@code role} of layer {@code layer} ("layers.0.fc2").
     * This is where a spec meets the tensor it quantizes, so this is where it must suit the role:
     * "layers.0.fc1.weight: int4/token: per-token granularity applies to layer inputs; ...".
     */
    public QuantSpec resolve(String layer, Role role) {
        String name = layer + "." + role.suffix();
        QuantSpec base = role == Role.WEIGHT ? weights : inputs;
        String component = layer.substring(layer.lastIndexOf('.') + 1);
        boolean fullPrecision = FULL_PRECISION_LAYERS.contains(component);
        QuantSpec effective = fullPrecision ? QuantSpec.NONE : base;
        for (Rule rule : rules) {
            if (rule.pattern().matches(name) && (!fullPrecision || spellsComponent(rule.pattern(), component))) {
                effective = rule.applyTo(base, role);
            }
        }
        return checkFor(effective, role, name);
    }

    /** The effective spec of a tensor named in full: "layers.3.fc2.input", "head.weight". */
    public QuantSpec resolve(String tensorName) {
        int dot = tensorName.lastIndexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("tensor name '" + tensorName
                    + "' must be a layer name followed by .weight or .input");
        }
        return resolve(tensorName.substring(0, dot), Role.fromSuffix(tensorName.substring(dot + 1)));
    }

    /** A fresh quantizer for the tensor with {@code role} of {@code layer}, with its effective spec. */
    public FakeQuantizer quantizer(String layer, Role role) {
        return new FakeQuantizer(resolve(layer, role), role);
    }

    public QuantSpec weights() {
        return weights;
    }

    public QuantSpec inputs() {
        return inputs;
    }

    /** The overrides, in the order given (the last matching one wins). */
    public List<Rule> rules() {
        return rules;
    }

    private static boolean spellsComponent(GlobPattern pattern, String component) {
        return Pattern.compile("(^|[.*])" + Pattern.quote(component) + "([.*]|$)")
                .matcher(pattern.text()).find();
    }

    private static QuantSpec checkFor(QuantSpec spec, Role role, String where) {
        try {
            return spec.requireFor(role);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scheme s
                && s.weights.equals(weights) && s.inputs.equals(inputs) && s.rules.equals(rules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(weights, inputs, rules);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("scheme(weights: ").append(weights)
                .append(", inputs: ").append(inputs);
        for (Rule rule : rules) {
            s.append(", ").append(rule);
        }
        return s.append(')').toString();
    }
}
