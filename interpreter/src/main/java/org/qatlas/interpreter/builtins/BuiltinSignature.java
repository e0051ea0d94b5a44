package org.qatlas.interpreter.builtins;

import java.util.ArrayList;
import java.util.List;
import org.qatlas.interpreter.runtime.QatNone;
import org.qatlas.interpreter.runtime.Signature;
import org.qatlas.stdlib.text.NumberText;

/**
 * Reads a built-in's signature from the way it is documented, such as
 * {@code round(x, digits = 0)}, {@code print(*values, sep = " ")} or {@code grid(**axes)}, so that the text users
 * see in help is the one definition of the parameters. Defaults are numbers, strings,
 * booleans or none.
 */
record BuiltinSignature(String name, Signature signature) {

    static BuiltinSignature parse(String text) {
        int open = text.indexOf('(');
        String name = text.substring(0, open).strip();
        String inside = text.substring(open + 1, text.lastIndexOf(')')).strip();
        List<String> names = new ArrayList<>();
        List<Object> defaults = new ArrayList<>();
        int rest = -1;
        int fields = -1;
        if (!inside.isEmpty()) {
            for (String parameter : inside.split(",")) {
                String[] parts = parameter.split("=", 2);
                String parameterName = parts[0].strip();
                if (parameterName.startsWith("**")) {
                    fields = names.size();
                    parameterName = parameterName.substring(2);
                } else if (parameterName.startsWith("*")) {
                    rest = names.size();
                    parameterName = parameterName.substring(1);
                }
                names.add(parameterName);
                defaults.add(parts.length == 2 ? constant(parts[1].strip()) : null);
            }
        }
        return new BuiltinSignature(name, new Signature(names.toArray(String[]::new), defaults.toArray(), rest, fields,
                new String[names.size()]));
    }

    private static Object constant(String text) {
        return switch (text) {
            case "none" -> QatNone.INSTANCE;
            case "true" -> true;
            case "false" -> false;
            default -> text.startsWith("\"") ? text.substring(1, text.length() - 1) : NumberText.parseLiteral(text);
        };
    }
}
