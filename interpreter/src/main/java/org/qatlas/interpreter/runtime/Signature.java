package org.qatlas.interpreter.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parameters of a function: their names, which have defaults, an optional rest
 * parameter that gathers the surplus positional arguments into a list (as in
 * {@code print(a, b, c)}), and, for built-ins, an optional fields parameter that gathers the
 * named arguments no other parameter takes into a record (as in
 * {@code grid(model: sizes, seed: [1, 2])}). Parameters after the rest parameter can only be
 * named.
 *
 * <p>A default is either a constant (built-ins) or, for functions written in Qatlas, an
 * expression the function evaluates itself when the argument is {@link #MISSING}; that way a
 * default may refer to earlier parameters: {@code fn f(n, m = 2 * n)}.
 */
public final class Signature {
    /** Placed in an argument slot when the caller left out an argument with a default. */
    public static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<missing>";
        }
    };

    private final String[] names;
    private final boolean[] hasDefault;
    private final Object[] defaultConstants;
    private final int restIndex;
    private final int fieldsIndex;
    private final String[] defaultSources;

    /**
     * @param defaultConstants per parameter: the default value, or {@link #MISSING} when the
     *     function evaluates its own default, or null when the parameter is required
     * @param restIndex the position of the rest parameter, or -1
     */
    public Signature(String[] names, Object[] defaultConstants, int restIndex) {
        this(names, defaultConstants, restIndex, new String[names.length]);
    }

    /**
     * A signature whose evaluated defaults are shown as their source text in help.
     *
     * @param defaultSources per parameter, the source of its default expression, or null
     */
    public Signature(String[] names, Object[] defaultConstants, int restIndex, String[] defaultSources) {
        this(names, defaultConstants, restIndex, -1, defaultSources);
    }

    /**
     * A signature with a fields parameter.
     *
     * @param fieldsIndex the position of the parameter that gathers surplus named arguments, or -1
     */
    public Signature(String[] names, Object[] defaultConstants, int restIndex, int fieldsIndex, String[] defaultSources) {
        this.fieldsIndex = fieldsIndex;
        this.names = names.clone();
        this.defaultConstants = defaultConstants.clone();
        this.hasDefault = new boolean[names.length];
        for (int i = 0; i < names.length; i++) {
            hasDefault[i] = defaultConstants[i] != null;
        }
        this.restIndex = restIndex;
        this.defaultSources = defaultSources.clone();
    }

    /** Required positional parameters only, as for lambdas. */
    public static Signature positional(String... names) {
        return new Signature(names, new Object[names.length], -1);
    }

    public int size() {
        return names.length;
    }

    public String name(int index) {
        return names[index];
    }

    public List<String> names() {
        return Arrays.asList(names);
    }

    public boolean hasDefault(int index) {
        return hasDefault[index];
    }

    /** The constant default of a parameter, or {@link #MISSING} for an evaluated one. */
    public Object defaultValue(int index) {
        return defaultConstants[index];
    }

    public int restIndex() {
        return restIndex;
    }

    /** The position of the parameter that gathers surplus named arguments into a record, or -1. */
    public int fieldsIndex() {
        return fieldsIndex;
    }

    public int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** "(x, digits = 0)", "(*values, sep = \" \")" or "(**axes)": how the signature reads in help and errors. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String part = i == restIndex ? "*" + names[i] : i == fieldsIndex ? "**" + names[i] : names[i];
            if (hasDefault[i] && i != restIndex && i != fieldsIndex) {
                Object value = defaultConstants[i];
                String shown = value != MISSING ? Display.repr(value) : defaultSources[i] != null ? defaultSources[i] : "...";
                part += " = " + shown;
            }
            parts.add(part);
        }
        return "(" + String.join(", ", parts) + ")";
    }
}
