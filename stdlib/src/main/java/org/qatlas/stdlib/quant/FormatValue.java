package org.qatlas.stdlib.quant;

import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.value.FieldTable;
import org.qatlas.stdlib.value.FieldTable.Field;
import org.qatlas.stdlib.value.FieldTable.Type;
import org.qatlas.stdlib.value.Fields;
import org.qatlas.stdlib.value.TableValue;

/**
 * A number format as scripts write it, {@code int(4, group: 32)} or {@code fp4(per: "token")},
 * before it is known whether it quantizes weights or layer inputs: a {@link QuantSpec} whose
 * granularity may be left to the role. Without a group or a {@code per}, weights get one scale
 * per output channel and inputs one per token.
 *
 * @param format the grid: an {@link IntFormat} for {@code int(...)}, {@link Fp4E2M1} for {@code fp4(...)}
 * @param granularity which elements share a scale, or null: by role
 * @param lsq learned step sizes (weights)
 * @param clip learned clipping (layer inputs)
 */
public record FormatValue(NumberFormat format, Granularity granularity, boolean lsq, ClipMode clip)
        implements TableValue<FormatValue> {

    private static final Field<FormatValue, Integer> BITS = Field.required("bits", new Type<>() {
        @Override
        public Integer read(String owner, String name, Object value) {
            long bits = Fields.wholeNumber(owner, name, value);
            if (bits < 2 || bits > 8) {
                // Checked before narrowing to int: int(4294967300) must not become int(4).
                throw new IllegalArgumentException("int(" + bits + "): bits must be between 2 and 8");
            }
            return (int) bits;
        }

        @Override
        public Object show(Integer bits) {
            return bits.longValue();
        }
    }, f -> f.format().bits());

    /**
     * A group size as given. It must be a whole number of at least 1: group 0 used to pass as "no
     * group" and so silently meant one scale per channel or token, which is not what a script
     * that names a group asks for.
     */
    private static final Field<FormatValue, Granularity> GROUP = Field.of("group", new Type<>() {
        @Override
        public Granularity read(String owner, String name, Object value) {
            long size = Fields.wholeNumber(owner, name, value);
            if (size < 1) {
                throw new IllegalArgumentException(owner + ": group must be positive, not " + size);
            }
            if (size > Integer.MAX_VALUE) {
                // Checked before narrowing to int: 4294967328 must not become 32.
                throw new IllegalArgumentException(owner + ": group must be at most " + Integer.MAX_VALUE + ", not " + size);
            }
            return Granularity.group((int) size);
        }

        @Override
        public Object show(Granularity group) {
            return (long) group.groupSize();
        }
    }, null, f -> f.granularity() != null && f.granularity().kind() == Granularity.Kind.GROUP ? f.granularity() : null);

    private static final Field<FormatValue, Granularity> PER = Field.of("per", new Type<>() {
        @Override
        public Granularity read(String owner, String name, Object value) {
            return switch (Type.STRING.read(owner, name, value)) {
                case "token" -> Granularity.TOKEN;
                case "channel" -> Granularity.CHANNEL;
                case "tensor" -> Granularity.TENSOR;
                default -> throw new IllegalArgumentException(owner + ": per must be \"token\", \"channel\" or \"tensor\", not \""
                        + value + "\"");
            };
        }

        @Override
        public Object show(Granularity per) {
            return per.toString();
        }
    }, null, f -> f.granularity() != null && f.granularity().kind() != Granularity.Kind.GROUP ? f.granularity() : null);

    private static final Field<FormatValue, Boolean> SYMMETRIC = Field.of("symmetric", Type.BOOLEAN, true,
            f -> f.format().symmetric());
    private static final Field<FormatValue, Boolean> LSQ = Field.of("lsq", Type.BOOLEAN, false, FormatValue::lsq);

    /** Learned clipping: false, true (one value per tensor) or "group" (one per feature group). */
    private static final Field<FormatValue, ClipMode> CLIP = Field.of("clip", new Type<>() {
        @Override
        public ClipMode read(String owner, String name, Object value) {
            if (Boolean.FALSE.equals(value)) {
                return ClipMode.NONE;
            }
            if (Boolean.TRUE.equals(value)) {
                return ClipMode.TENSOR;
            }
            if ("group".equals(value)) {
                return ClipMode.GROUP;
            }
            throw new IllegalArgumentException(owner + ": clip must be true, false or \"group\", not "
                    + (value instanceof String s ? "\"" + s + "\"" : value));
        }

        @Override
        public Object show(ClipMode clip) {
            return clip == ClipMode.NONE ? (Object) false : clip == ClipMode.TENSOR ? (Object) true : "group";
        }
    }, ClipMode.NONE, FormatValue::clip);

    /** {@code int(bits, group:, per:, symmetric:, lsq:, clip:)}: integers of 2 to 8 bits. */
    public static final FieldTable<FormatValue> INT = new FieldTable<>("int", List.of(BITS, GROUP, PER, SYMMETRIC, LSQ, CLIP),
            v -> new FormatValue(new IntFormat(v.get(BITS), v.get(SYMMETRIC)), granularity("int(" + v.get(BITS) + ")", v),
                    v.get(LSQ), v.get(CLIP)),
            v -> v.get(BITS) == null ? "int" : "int(" + v.get(BITS) + ")");

    /** {@code fp4(group:, per:, lsq:, clip:)}: the E2M1 format. */
    public static final FieldTable<FormatValue> FP4 = new FieldTable<>("fp4", List.of(GROUP, PER, LSQ, CLIP),
            v -> new FormatValue(Fp4E2M1.INSTANCE, granularity("fp4", v), v.get(LSQ), v.get(CLIP)));

    public FormatValue {
        if (clip == null) {
            clip = ClipMode.NONE;
        }
        String written = head(format);
        if (lsq && clip != ClipMode.NONE) {
            throw new IllegalArgumentException(written + ": give lsq or clip, not both (both learn the scale's range)");
        }
        if ((lsq || clip != ClipMode.NONE) && !format.symmetric()) {
            throw new IllegalArgumentException(written + ": " + (lsq ? "lsq" : "clip")
                    + " needs a symmetric format; leave out symmetric: false");
        }
    }

    /** A format without learned parameters. */
    public FormatValue(NumberFormat format, Granularity granularity) {
        this(format, granularity, false, ClipMode.NONE);
    }

    private static Granularity granularity(String owner, FieldTable.Values v) {
        if (v.get(GROUP) != null && v.get(PER) != null) {
            throw new IllegalArgumentException(owner + ": give group or per, not both");
        }
        return v.get(GROUP) != null ? v.get(GROUP) : v.get(PER);
    }

    private static String head(NumberFormat format) {
        return format instanceof IntFormat i ? "int(" + i.bits() + ")" : "fp4";
    }

    @Override
    public FieldTable<FormatValue> table() {
        return format instanceof Fp4E2M1 ? FP4 : INT;
    }

    /**
     * The spec for a tensor of {@code role}. A format that does not fit the role is refused in
     * the script's own words.
     */
    public QuantSpec toSpec(Role role) {
        Granularity.Kind kind = granularity == null ? null : granularity.kind();
        String unfit = null;
        if (role == Role.INPUT && kind == Granularity.Kind.CHANNEL) {
            unfit = "per: \"channel\" is for weights; a layer input takes per: \"token\", per: \"tensor\" or a group";
        } else if (role == Role.WEIGHT && kind == Granularity.Kind.TOKEN) {
            unfit = "per: \"token\" is for layer inputs; a weight takes per: \"channel\", per: \"tensor\" or a group";
        } else if (role == Role.INPUT && lsq) {
            unfit = "lsq is for weights; a layer input learns its range with clip";
        } else if (role == Role.WEIGHT && clip != ClipMode.NONE) {
            unfit = "clip is for layer inputs; a weight learns its scale with lsq";
        }
        if (unfit != null) {
            throw new IllegalArgumentException(written() + ": " + unfit);
        }
        Granularity byRole = role == Role.WEIGHT ? Granularity.CHANNEL : Granularity.TOKEN;
        return new QuantSpec(format, granularity != null ? granularity : byRole, lsq, clip);
    }

    /** The shortest call that makes this format: {@code int(4, group: 32)}, {@code fp4(per: "token")}. */
    @Override
    public String written() {
        return table().call(this);
    }

    /** A copy with some fields replaced; a new {@code per} replaces the group, and a new group the {@code per}. */
    @Override
    public FormatValue with(Map<String, Object> changes) {
        Map<String, Object> adjusted = new java.util.LinkedHashMap<>(changes);
        if (changes.get("per") != null) {
            adjusted.put("group", null);
        } else if (changes.get("group") != null) {
            adjusted.put("per", null);
        }
        Fields.checkNames(kind(), changes, fieldNames());
        return table().with(this, adjusted);
    }
}
