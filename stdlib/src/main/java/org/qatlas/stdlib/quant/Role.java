package org.qatlas.stdlib.quant;

/**
 * Which tensor of a linear layer a quantizer acts on. A tensor's full name is the layer's name
 * followed by the role's suffix: "layers.3.fc2.weight", "layers.3.fc2.input".
 */
public enum Role {
    /** The weight matrix, stored [in, out] so that a layer computes {@code y = x W}. */
    WEIGHT("weight"),
    /** The activation entering the layer, [tokens, in] (or [..., in]). */
    INPUT("input");

    private final String suffix;

    Role(String suffix) {
        this.suffix = suffix;
    }

    /** The last component of a tensor name with this role: "weight" or "input". */
    public String suffix() {
        return suffix;
    }

    /** The role a layer pattern names by its last component ("*.fc2.input"), or null when it names none. */
    public static Role namedBy(String pattern) {
        for (Role role : values()) {
            if (pattern.endsWith("." + role.suffix)) {
                return role;
            }
        }
        return null;
    }

    /** The role whose suffix is {@code suffix}; fails for anything but "weight" and "input". */
    public static Role fromSuffix(String suffix) {
        for (Role role : values()) {
            if (role.suffix.equals(suffix)) {
                return role;
            }
        }
        throw new IllegalArgumentException(
                "unknown tensor role '" + suffix + "': expected weight or input");
    }
}
