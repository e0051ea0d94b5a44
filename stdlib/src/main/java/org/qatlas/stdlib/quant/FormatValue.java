package org.qatlas.stdlib.quant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.value.FieldMap;
import org.qatlas.stdlib.value.FieldValue;
import org.qatlas.stdlib.value.Fields;

/**
 * A number format as scripts write it, {@code int(4, group: 32)} or {@code fp4(per: "token")},
 * before it is known whether it quantizes weights or layer inputs. Without a group or a
 * {@code per}, weights get one scale per output channel and inputs one per token.
 *
 * @param kind "int" or "fp4"
 * @param group the group size, or 0 when {@code per} decides
 * @param per "token", "channel" or "tensor", or null
 * @param clip "none", "tensor" (one learned clip value) or "group" (one per feature group)
 */
public record FormatValue(String kind, int bits, int group, String per, boolean symmetric, boolean lsq, String clip)
        implements FieldMap {

    public FormatValue {
        String written = kind.equals("int") ? "int(" + bits + ")" : "fp4";
        if (group < 0) {
            throw new IllegalArgumentException(written + ": group must be positive, not " + group);
        }
        if (group > 0 && per != null) {
            throw new IllegalArgumentException(written + ": give group or per, not both");
        }
        if (per != null && !List.of("token", "channel", "tensor").contains(per)) {
            throw new IllegalArgumentException(written + ": per must be \"token\", \"channel\" or \"tensor\", not \"" + per + "\"");
        }
        if (!List.of("none", "tensor", "group").contains(clip)) {
            throw new IllegalArgumentException(written + ": clip must be true, false or \"group\"");
        }
        // Validates the rest (bits, options) with the library's own messages.
        spec(kind, bits, group, per, symmetric, lsq, clip, per != null && per.equals("channel") ? Role.WEIGHT : Role.INPUT);
    }

    /** {@code int(bits, group:, per:, symmetric:, lsq:, clip:)} from a script's arguments. */
    public static FormatValue integer(Object bits, Object group, Object per, Object symmetric, Object lsq, Object clip) {
        int b = (int) Fields.wholeNumber("int", "bits", bits);
        return new FormatValue("int", b, group == null ? 0 : (int) Fields.wholeNumber("int", "group", group),
                per == null ? null : Fields.string("int", "per", per), symmetric == null || Fields.bool("int", "symmetric", symmetric),
                lsq != null && Fields.bool("int", "lsq", lsq), clipMode(clip));
    }

    /** {@code fp4(group:, per:, lsq:, clip:)}: the E2M1 format. */
    public static FormatValue fp4(Object group, Object per, Object lsq, Object clip) {
        return new FormatValue("fp4", 4, group == null ? 0 : (int) Fields.wholeNumber("fp4", "group", group),
                per == null ? null : Fields.string("fp4", "per", per), true, lsq != null && Fields.bool("fp4", "lsq", lsq),
                clipMode(clip));
    }

    private static String clipMode(Object clip) {
        if (clip == null || Boolean.FALSE.equals(clip)) {
            return "none";
        }
        if (Boolean.TRUE.equals(clip)) {
            return "tensor";
        }
        if ("group".equals(clip)) {
            return "group";
        }
        throw new IllegalArgumentException("clip must be true, false or \"group\", not " + clip);
    }

    /** The spec for a tensor of {@code role}. */
    public QuantSpec toSpec(Role role) {
        return spec(kind, bits, group, per, symmetric, lsq, clip, role).requireFor(role);
    }

    private static QuantSpec spec(String kind, int bits, int group, String per, boolean symmetric, boolean lsq, String clip,
            Role role) {
        NumberFormat format = kind.equals("fp4") ? Fp4E2M1.INSTANCE : new IntFormat(bits, symmetric);
        Granularity granularity = group > 0 ? Granularity.group(group)
                : per != null ? Granularity.parse(per)
                : role == Role.WEIGHT ? Granularity.CHANNEL : Granularity.TOKEN;
        ClipMode clipMode = switch (clip) {
            case "tensor" -> ClipMode.TENSOR;
            case "group" -> ClipMode.GROUP;
            default -> ClipMode.NONE;
        };
        return new QuantSpec(format, granularity, lsq, clipMode);
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (kind.equals("int")) {
            fields.put("bits", (long) bits);
        }
        fields.put("group", group == 0 ? null : (long) group);
        fields.put("per", per);
        if (kind.equals("int")) {
            fields.put("symmetric", symmetric);
        }
        fields.put("lsq", lsq);
        fields.put("clip", clip.equals("none") ? (Object) false : clip.equals("tensor") ? (Object) true : "group");
        return fields;
    }

    /** The shortest call that makes this format: {@code int(4, group: 32)}, {@code fp4(per: "token")}. */
    @Override
    public String written() {
        List<String> parts = new java.util.ArrayList<>();
        if (kind.equals("int")) {
            parts.add(Integer.toString(bits));
        }
        if (group > 0) {
            parts.add("group: " + group);
        }
        if (per != null) {
            parts.add("per: \"" + per + "\"");
        }
        if (!symmetric) {
            parts.add("symmetric: false");
        }
        if (lsq) {
            parts.add("lsq: true");
        }
        if (!clip.equals("none")) {
            parts.add(clip.equals("tensor") ? "clip: true" : "clip: \"group\"");
        }
        return kind + "(" + String.join(", ", parts) + ")";
    }

    @Override
    public FieldValue with(Map<String, Object> changes) {
        Map<String, Object> merged = fields();
        Fields.checkNames(kind, changes, merged.keySet());
        merged.putAll(changes);
        if (merged.get("group") != null && changes.containsKey("per") && changes.get("per") != null) {
            merged.put("group", null); // a new 'per' replaces the group
        } else if (merged.get("per") != null && changes.containsKey("group") && changes.get("group") != null) {
            merged.put("per", null);
        }
        return kind.equals("int")
                ? integer(merged.get("bits"), merged.get("group"), merged.get("per"), merged.get("symmetric"), merged.get("lsq"),
                        merged.get("clip"))
                : fp4(merged.get("group"), merged.get("per"), merged.get("lsq"), merged.get("clip"));
    }
}
