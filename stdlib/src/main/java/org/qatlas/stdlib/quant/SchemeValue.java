package org.qatlas.stdlib.quant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.value.FieldTable;
import org.qatlas.stdlib.value.FieldTable.Field;
import org.qatlas.stdlib.value.FieldTable.Type;
import org.qatlas.stdlib.value.Fields;
import org.qatlas.stdlib.value.TableValue;

/**
 * A quantization scheme as scripts write it:
 * {@code quant(weights: int(4, group: 32), acts: int(4, group: 32),
 * overrides: { "*.fc2.input": int(8, per: "token") })}. {@code quant()} is full precision.
 * An override maps a layer-name pattern to a format, to a bit width alone (which keeps the
 * rest of the default), or to none (full precision); the last matching pattern wins.
 */
public final class SchemeValue implements TableValue<SchemeValue> {
    private static final Field<SchemeValue, FormatValue> WEIGHTS = Field.of("weights", format(), null, s -> s.weights);
    private static final Field<SchemeValue, FormatValue> ACTS = Field.of("acts", format(), null, s -> s.acts);
    private static final Field<SchemeValue, Map<String, Object>> OVERRIDES = Field.of("overrides", (owner, name, value) -> {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> overrides = new LinkedHashMap<>();
            map.forEach((pattern, format) -> overrides.put((String) pattern, format));
            return overrides;
        }
        throw new IllegalArgumentException(owner + ": overrides must be a record of pattern: format, such as "
                + "{ \"*.fc2.input\": int(8) }");
    }, Map.of(), s -> s.overrides);

    /** {@code quant(weights:, acts:, overrides:)}. */
    public static final FieldTable<SchemeValue> TABLE = new FieldTable<>("quant", List.of(WEIGHTS, ACTS, OVERRIDES),
            v -> new SchemeValue(v.get(WEIGHTS), v.get(ACTS), v.get(OVERRIDES)));

    private final FormatValue weights;
    private final FormatValue acts;
    private final Map<String, Object> overrides;
    private final Scheme scheme;

    /**
     * A scheme from the formats of weights and of layer inputs (null: full precision) and
     * overrides by layer pattern, each a {@link FormatValue}, a bit width (a Long) or null.
     */
    public SchemeValue(FormatValue weights, FormatValue acts, Map<String, Object> overrides) {
        this.weights = weights;
        this.acts = acts;
        this.overrides = overrides == null ? Map.of() : new LinkedHashMap<>(overrides);
        Scheme built = new Scheme(spec("weights", weights, Role.WEIGHT), spec("acts", acts, Role.INPUT));
        for (Map.Entry<String, Object> override : this.overrides.entrySet()) {
            built = withOverride(built, override.getKey(), override.getValue());
        }
        this.scheme = built;
    }

    /** A scheme without overrides. */
    public SchemeValue(FormatValue weights, FormatValue acts) {
        this(weights, acts, Map.of());
    }

    private static Type<FormatValue> format() {
        return (owner, name, value) -> {
            if (value instanceof FormatValue format) {
                return format;
            }
            throw new IllegalArgumentException(owner + ": " + name + " must be a format such as int(4, group: 32) or fp4(), not "
                    + Fields.show(value));
        };
    }

    @Override
    public FieldTable<SchemeValue> table() {
        return TABLE;
    }

    /** The spec of a default format; a format that does not fit the role is an error of quant's. */
    private static QuantSpec spec(String name, FormatValue format, Role role) {
        if (format == null) {
            return QuantSpec.NONE;
        }
        try {
            return format.toSpec(role);
        } catch (IllegalArgumentException unfit) {
            throw new IllegalArgumentException("quant: " + name + " " + unfit.getMessage());
        }
    }

    private static Scheme withOverride(Scheme scheme, String pattern, Object value) {
        try {
            return withRule(scheme, pattern, value);
        } catch (IllegalArgumentException bad) {
            String message = bad.getMessage();
            throw new IllegalArgumentException(message.startsWith("quant: ") ? message
                    : "quant: the override '" + pattern + "': " + message);
        }
    }

    private static Scheme withRule(Scheme scheme, String pattern, Object value) {
        if (value == null) {
            return scheme.override(pattern, QuantSpec.NONE);
        }
        if (value instanceof Long || value instanceof Double) {
            long bits = Fields.wholeNumber("quant", "bits of '" + pattern + "'", value);
            if (bits < 2 || bits > 8) {
                // Checked before narrowing to int: 4294967304 bits must not become 8.
                throw new IllegalArgumentException("quant: the override '" + pattern + "' must have 2 to 8 bits, not " + bits);
            }
            return scheme.overrideBits(pattern, (int) bits);
        }
        if (value instanceof FormatValue format) {
            Role role = Role.namedBy(pattern);
            if (role == null) {
                throw new IllegalArgumentException("quant: the override '" + pattern + "' must end in ."
                        + Role.WEIGHT.suffix() + " or ." + Role.INPUT.suffix() + " to say which tensor it quantizes");
            }
            QuantSpec spec;
            try {
                spec = format.toSpec(role);
            } catch (IllegalArgumentException unfit) {
                throw new IllegalArgumentException("quant: the override '" + pattern + "' " + unfit.getMessage());
            }
            return scheme.override(pattern, spec);
        }
        throw new IllegalArgumentException("quant: the override for '" + pattern + "' must be a format, a bit width or none, not "
                + value);
    }

    /** The scheme the training engine uses. */
    public Scheme scheme() {
        return scheme;
    }

    /** Whether anything is quantized at all. */
    public boolean quantizes() {
        return weights != null || acts != null || overrides.values().stream().anyMatch(v -> v != null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SchemeValue s && s.scheme.equals(scheme);
    }

    @Override
    public int hashCode() {
        return scheme.hashCode();
    }

    @Override
    public String toString() {
        return scheme.toString();
    }
}
