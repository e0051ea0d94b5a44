package org.qatlas.interpreter.runtime;

import org.qatlas.interpreter.laws.LawText;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import org.qatlas.stdlib.text.NumberText;

/**
 * How values are written for people. {@link #text} is what {@code print} and string
 * interpolation show (a string as itself); {@link #repr} is how a value reads inside a list
 * or a record and at the REPL (a string in quotes), close to the syntax that makes it.
 */
public final class Display {
    /** Longer lists are cut, so that printing a big sweep does not flood the terminal. */
    private static final int MAX_ELEMENTS = 100;

    private Display() {
    }

    @TruffleBoundary
    public static String text(Object value) {
        if (value instanceof QatFunction function && function.law() != null) {
            return org.qatlas.interpreter.laws.LawText.text(function.law());
        }
        return value instanceof String s ? s : repr(value);
    }

    @TruffleBoundary
    public static String repr(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value instanceof Long l) {
            out.append(NumberText.format(l));
        } else if (value instanceof Double d) {
            out.append(NumberText.format(d));
        } else if (value instanceof String s) {
            quote(out, s);
        } else if (value instanceof DerivativeStructure dual) {
            // A law's parameter while it is being fitted: shown as the number it stands for.
            out.append(NumberText.format(dual.getValue()));
        } else if (value instanceof Boolean || value == QatNone.INSTANCE || value instanceof QatRange
                || value instanceof QatFunction) {
            out.append(value);
        } else if (value instanceof QatList list) {
            writeList(out, list);
        } else if (value instanceof QatRecord record) {
            writeRecord(out, record);
        } else if (value instanceof DomainValue domain) {
            writeDomain(out, domain);
        } else {
            out.append(InteropLibrary.getUncached().toDisplayString(value));
        }
    }

    private static void writeList(StringBuilder out, QatList list) {
        out.append('[');
        long shown = Math.min(list.size(), MAX_ELEMENTS);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                out.append(", ");
            }
            write(out, list.get(i));
        }
        if (list.size() > shown) {
            out.append(", ... ").append(list.size() - shown).append(" more");
        }
        out.append(']');
    }

    private static void writeRecord(StringBuilder out, QatRecord record) {
        out.append('{');
        for (int i = 0; i < record.shape().size(); i++) {
            out.append(i == 0 ? " " : ", ");
            String name = record.shape().name(i);
            if (name.matches("[A-Za-z_][A-Za-z_0-9]*")) {
                out.append(name);
            } else {
                quote(out, name);
            }
            out.append(": ");
            write(out, record.valueAt(i));
        }
        out.append(record.shape().size() == 0 ? "}" : " }");
    }

    /** A domain value reads like the call that makes it: llama(layers: 2, hidden: 64, ...). */
    private static void writeDomain(StringBuilder out, DomainValue domain) {
        String written = domain.unwrap().written();
        if (written != null) {
            out.append(written);
            return;
        }
        out.append(domain.unwrap().kind()).append('(');
        java.util.List<String> names = domain.unwrap().fieldNames();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(names.get(i)).append(": ");
            write(out, domain.field(names.get(i)));
        }
        out.append(')');
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '$' -> out.append(i + 1 < s.length() && s.charAt(i + 1) == '{' ? "\\$" : "$");
                default -> out.append(c);
            }
        }
        out.append('"');
    }
}
