package org.qatlas.stdlib.quant;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A pattern over tensor names such as "layers.3.fc2.input", "*.fc2.input" or
 * "layers.*.qkv.weight". '*' matches any run of characters, dots included, so "*.fc2.input"
 * reaches the FC2 input of every layer however deeply it is named; every other character
 * matches itself. The whole name must match.
 */
public final class GlobPattern {
    private final String text;
    private final Pattern regex;

    public GlobPattern(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a layer pattern must not be empty");
        }
        this.text = text.trim();
        List<String> quoted = new ArrayList<>();
        for (String literal : this.text.split("\\*", -1)) {
            quoted.add(Pattern.quote(literal));
        }
        this.regex = Pattern.compile(String.join(".*", quoted), Pattern.DOTALL);
    }

    public boolean matches(String name) {
        return regex.matcher(name).matches();
    }

    /** The pattern's characters other than '*': what it names literally. */
    public String literalText() {
        return text.replace("*", "");
    }

    /** The pattern as written. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GlobPattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
