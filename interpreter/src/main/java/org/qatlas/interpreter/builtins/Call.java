package org.qatlas.interpreter.builtins;

import java.util.Map;
import org.qatlas.stdlib.value.Fields;

/**
 * One call of a built-in that the standard library implements: its arguments by parameter name,
 * as plain Java values (see {@code JavaValues}), a parameter left out holding its default (none
 * is null). The readers check a value's type and word their errors as the script's names:
 * "best_bits: memory must be a number, not "32 GB"".
 *
 * @param builtin the built-in's name, for errors
 */
public record Call(String builtin, Map<String, Object> arguments) {
    /** The argument of {@code parameter}, as it came; null for none. */
    public Object get(String parameter) {
        return arguments.get(parameter);
    }

    /** Whether the call left {@code parameter} as none. */
    public boolean isNone(String parameter) {
        return arguments.get(parameter) == null;
    }

    public String string(String parameter) {
        return Fields.string(builtin, parameter, arguments.get(parameter));
    }

    /** The text of {@code parameter}, or null when it is none. */
    public String optionalString(String parameter) {
        return isNone(parameter) ? null : string(parameter);
    }

    public double number(String parameter) {
        return Fields.number(builtin, parameter, arguments.get(parameter));
    }

    public long whole(String parameter) {
        return Fields.wholeNumber(builtin, parameter, arguments.get(parameter));
    }

    public boolean bool(String parameter) {
        return Fields.bool(builtin, parameter, arguments.get(parameter));
    }
}
