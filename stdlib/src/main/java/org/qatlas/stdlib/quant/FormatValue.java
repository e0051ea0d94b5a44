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
        // The spec would refuse these too, but in its own notation (int4/token+lsq); say it as
        // the script wrote it.
        if (lsq && !clip.equals("none")) {
            throw new IllegalArgumentException(written + ": give lsq or clip, not both (both learn the scale's range)");
        }
        if ((lsq || !clip.equals("none")) && !symmetric) {
            throw new IllegalArgumentException(written + ": " + (lsq ? "lsq" : "clip")
                    + " needs a symmetric format; leave out symmetric: false");
        }
        // Validates the rest (bits, options) with the library's own messages.
        spec(kind, bits, group, per, symmetric, lsq, clip, per != null && per.equals("channel") ? Role.WEIGHT : Role.INPUT);
    }

    /** {@code int(bits, group:, per:, symmetric:, lsq:, clip:)} from a script's arguments. */
    public static FormatValue integer(Object bits, Object group, Object per, Object symmetric, Object lsq, Object clip) {
        long b = Fields.wholeNumber("int", "bits", bits);
        if (b < 2 || b > 8) {
            // Checked before narrowing to int: int(4294967300) must not become int(4).
            throw new IllegalArgumentException("int(" + b + "): bits must be between 2 and 8");
        }
        String written = "int(" + b + ")";
        return new FormatValue("int", (int) b, groupSize("int", written, group),
                per == null ? null : Fields.string("int", "per", per), symmetric == null || Fields.bool("int", "symmetric", symmetric),
                lsq != null && Fields.bool("int", "lsq", lsq), clipMode("int", clip));
    }

    /** {@code fp4(group:, per:, lsq:, clip:)}: the E2M1 format. */
    public static FormatValue fp4(Object group, Object per, Object lsq, Object clip) {
        return new FormatValue("fp4", 4, groupSize("fp4", "fp4", group),
                per == null ? null : Fields.string("fp4", "per", per), true, lsq != null && Fields.bool("fp4", "lsq", lsq),
                clipMode("fp4", clip));
    }

    /**
     * A group size as given, or 0 (the record's "no group") when none was. A given size must be
     * a whole number of at least 1: group 0 used to pass as "no group" and so silently meant one
     * scale per channel or token, which is not what a script that names a group asks for.
     */
    private static int groupSize(String owner, String written, Object group) {
        if (group == null) {
            return 0;
        }
        long size = Fields.wholeNumber(owner, "group", group);
        if (size < 1) {
            throw new IllegalArgumentException(written + ": group must be positive, not " + size);
        }
        if (size > Integer.MAX_VALUE) {
            // Checked before narrowing to int: 4294967328 must not become 32.
            throw new IllegalArgumentException(written + ": group must be at most " + Integer.MAX_VALUE + ", not " + size);
        }
        return (int) size;
    }

    private static String clipMode(String owner, Object clip) {
        if (clip == null || Boolean.FALSE.equals(clip)) {
            return "none";
        }
        if (Boolean.TRUE.equals(clip)) {
            return "tensor";
        }
        if ("group".equals(clip)) {
            return "group";
        }
        throw new IllegalArgumentException(owner + ": clip must be true, false or \"group\", not "
                + (clip instanceof String s ? "\"" + s + "\"" : clip));
    }

    /**
     * The spec for a tensor of {@code role}. A format that does not fit the role is refused in
     * the script's own words; the spec would say the same in its notation (int4/channel).
     */
    public QuantSpec toSpec(Role role) {
        String unfit = null;
        if (role == Role.INPUT && "channel".equals(per)) {
            unfit = "per: \"channel\" is for weights; a layer input takes per: \"token\", per: \"tensor\" or a group";
        } else if (role == Role.WEIGHT && "token".equals(per)) {
            unfit = "per: \"token\" is for layer inputs; a weight takes per: \"channel\", per: \"tensor\" or a group";
        } else if (role == Role.INPUT && lsq) {
            unfit = "lsq is for weights; a layer input learns its range with clip";
        } else if (role == Role.WEIGHT && !clip.equals("none")) {
            unfit = "clip is for layer inputs; a weight learns its scale with lsq";
        }
        if (unfit != null) {
            throw new IllegalArgumentException(written() + ": " + unfit);
        }
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
