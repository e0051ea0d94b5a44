package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import org.qatlas.interpreter.runtime.Display;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.Values;
import org.qatlas.stdlib.text.NumberText;

/**
 * {@code str(x)} (a value as text), {@code number(s)} (text as a number, SI suffixes
 * allowed: "2M"), {@code si(x)} (a count as text with an SI suffix: "74M") and
 * {@code type(x)} (the name of a value's type).
 */
@GenerateNodeFactory
public abstract class ConversionBuiltin extends BuiltinNode {
    public enum Conversion { STR, NUMBER, TYPE, SI }

    private final Conversion conversion;

    protected ConversionBuiltin(Conversion conversion) {
        this.conversion = conversion;
    }

    @Specialization
    @TruffleBoundary
    protected Object convert(Object value) {
        return switch (conversion) {
            case STR -> Display.text(value);
            case TYPE -> Values.typeName(value);
            case NUMBER -> toNumber(value);
            case SI -> {
                if (!Values.isNumber(value)) {
                    throw new QatException("si() needs a number, not " + Values.describe(value), this);
                }
                yield NumberText.si(Values.toDouble(value));
            }
        };
    }

    private Object toNumber(Object value) {
        if (Values.isNumber(value)) {
            return value;
        }
        if (value instanceof String text) {
            String trimmed = text.strip();
            if (trimmed.matches("[+-]?(\\d[\\d_]*(\\.\\d+)?|\\.\\d+)([eE][+-]?\\d+)?[KMBT]?")) {
                boolean negative = trimmed.startsWith("-");
                Number parsed = NumberText.parseLiteral(trimmed.replaceFirst("^[+-]", ""));
                if (parsed instanceof Long l) {
                    return negative ? -l : l;
                }
                return negative ? -parsed.doubleValue() : parsed.doubleValue();
            }
            switch (trimmed) {
                case "inf", "+inf" -> { return Double.POSITIVE_INFINITY; }
                case "-inf" -> { return Double.NEGATIVE_INFINITY; }
                case "nan" -> { return Double.NaN; }
                default -> { }
            }
            throw new QatException("number(): \"" + text + "\" is not a number", this);
        }
        throw new QatException("number() needs a string or a number, not " + Values.describe(value), this);
    }
}
