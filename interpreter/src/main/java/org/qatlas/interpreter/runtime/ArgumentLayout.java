package org.qatlas.interpreter.runtime;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.MaterializedFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.Node;
import org.qatlas.stdlib.text.Suggestions;

/**
 * How the arguments written at one call site map onto the parameters of one function: which
 * value goes to which slot, which slots take their default, and which values the rest
 * parameter gathers. A call node works this out once per callee and then only copies values.
 */
public final class ArgumentLayout {
    private static final int DEFAULT = -1;
    private static final int REST = -2;
    private static final int FIELDS = -3;

    /** For each parameter: the index of the call-site value that fills it, DEFAULT or REST. */
    @CompilationFinal(dimensions = 1) private final int[] sourceOfParameter;
    @CompilationFinal(dimensions = 1) private final Object[] defaults;
    private final int restFrom;
    private final int restCount;
    /** The names and call-site indexes of the named arguments the fields parameter gathers. */
    @CompilationFinal(dimensions = 1) private final String[] fieldNames;
    @CompilationFinal(dimensions = 1) private final int[] fieldSources;

    private ArgumentLayout(int[] sourceOfParameter, Object[] defaults, int restFrom, int restCount, String[] fieldNames,
            int[] fieldSources) {
        this.sourceOfParameter = sourceOfParameter;
        this.defaults = defaults;
        this.restFrom = restFrom;
        this.restCount = restCount;
        this.fieldNames = fieldNames;
        this.fieldSources = fieldSources;
    }

    /**
     * Matches a call site against a signature.
     *
     * @param names one entry per call-site argument: null for positional ones, which come first
     * @param location where to report a mismatch
     */
    public static ArgumentLayout create(String function, Signature signature, String[] names, Node location) {
        int parameterCount = signature.size();
        int rest = signature.restIndex();
        int[] source = new int[parameterCount];
        java.util.Arrays.fill(source, DEFAULT);
        int positional = 0;
        while (positional < names.length && names[positional] == null) {
            positional++;
        }
        int fields = signature.fieldsIndex();
        // The fields parameter comes last and takes named arguments only.
        int fixed = rest >= 0 ? rest : fields >= 0 ? fields : parameterCount;
        if (positional > fixed && rest < 0) {
            throw new QatException(function + "() takes " + plural(fixed, fields >= 0 ? "positional argument" : "argument") + " but "
                    + positional + (positional == 1 ? " was" : " were") + " given", location);
        }
        for (int i = 0; i < Math.min(positional, fixed); i++) {
            source[i] = i;
        }
        int restFrom = Math.min(positional, fixed);
        int restCount = Math.max(0, positional - fixed);
        if (rest >= 0) {
            source[rest] = REST;
        }
        if (fields >= 0) {
            source[fields] = FIELDS;
        }
        java.util.List<String> fieldNames = new java.util.ArrayList<>();
        java.util.List<Integer> fieldSources = new java.util.ArrayList<>();
        for (int i = positional; i < names.length; i++) {
            int parameter = signature.indexOf(names[i]);
            if (fields >= 0 && (parameter < 0 || parameter == rest || parameter == fields)) {
                if (fieldNames.contains(names[i])) {
                    throw new QatException(function + "() got argument '" + names[i] + "' twice", location);
                }
                fieldNames.add(names[i]);
                fieldSources.add(i);
                continue;
            }
            if (parameter < 0 || parameter == rest) {
                throw new QatException(function + "() has no parameter '" + names[i] + "'"
                        + Suggestions.didYouMean(names[i], signature.names()), location);
            }
            if (source[parameter] != DEFAULT) {
                throw new QatException(function + "() got argument '" + names[i] + "' twice", location);
            }
            source[parameter] = i;
        }
        Object[] defaults = new Object[parameterCount];
        for (int p = 0; p < parameterCount; p++) {
            if (source[p] == DEFAULT) {
                if (!signature.hasDefault(p)) {
                    throw new QatException(function + "() missing argument '" + signature.name(p) + "'", location);
                }
                defaults[p] = signature.defaultValue(p);
            }
        }
        return new ArgumentLayout(source, defaults, restFrom, restCount, fieldNames.toArray(String[]::new),
                fieldSources.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A call with positional arguments only, made from Java, reporting a mismatch at location. */
    public static Object[] positionalAt(String function, Signature signature, MaterializedFrame closure, Object[] values,
            Node location) {
        return create(function, signature, new String[values.length], location).arrange(closure, values);
    }

    /** The layout of a call with positional arguments only, used by embedders' calls. */
    public static Object[] positional(Signature signature, MaterializedFrame closure, Object[] values) {
        return create("function", signature, new String[values.length], null).arrange(closure, values);
    }

    /** The argument array for the call target: the closure, then one value per parameter. */
    @ExplodeLoop
    public Object[] arrange(MaterializedFrame closure, Object[] values) {
        Object[] arguments = new Object[sourceOfParameter.length + 1];
        arguments[0] = closure;
        for (int p = 0; p < sourceOfParameter.length; p++) {
            int source = sourceOfParameter[p];
            if (source >= 0) {
                arguments[p + 1] = values[source];
            } else if (source == REST) {
                Object[] gathered = new Object[restCount];
                System.arraycopy(values, restFrom, gathered, 0, restCount);
                arguments[p + 1] = new QatList(gathered);
            } else if (source == FIELDS) {
                arguments[p + 1] = gatherFields(values);
            } else {
                arguments[p + 1] = defaults[p];
            }
        }
        return arguments;
    }

    @ExplodeLoop
    private QatRecord gatherFields(Object[] values) {
        Object[] gathered = new Object[fieldSources.length];
        for (int i = 0; i < gathered.length; i++) {
            gathered[i] = values[fieldSources[i]];
        }
        return new QatRecord(new RecordShape(fieldNames), gathered);
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
