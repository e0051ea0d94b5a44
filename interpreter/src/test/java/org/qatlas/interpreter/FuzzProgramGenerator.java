package org.qatlas.interpreter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes random programs that parse: nested arithmetic, strings with interpolations, lists,
 * records, {@code with}, calls of built-ins and of functions the program defines, lambdas,
 * comprehensions, if and for.
 *
 * <p>Expressions are written for a wanted type (a number where a number is expected, a list
 * where a list is), so that most programs run to their end and reach the deeper parts of the
 * interpreter; now and then an expression of a wrong type, or an edge value (zero, overflow,
 * inf, an index out of range) is put in on purpose, so that the errors get exercised as well.
 *
 * <p>Everything comes from one {@link Random}, so a seed names a program exactly.
 */
final class FuzzProgramGenerator {
    /** The types expressions are written for. */
    enum Type { NUMBER, STRING, BOOLEAN, LIST, RECORD, FUNCTION }

    /** How often an expression of a random type appears where another type is wanted. */
    private static final double WRONG_TYPE_RATE = 0.02;

    private static final String[] EDGE_NUMBERS = {
        "0", "-1", "0.5", "1e-3", "1.5e-3", "2M", "74M", "10B", "1T", "1K", "9223372036854775807",
        "(-9223372036854775807 - 1)", "1e308", "(1 / 0)", "(0 / 0)", "2 ^ 62", "1_000", ".25", "100B", "1e-320",
    };
    private static final String[] STRING_PIECES = {
        "", "a", "loss ", "x\\ty", "quote \\\" ", "\\$", "tab\\t", "é✓", "$", "}", "{", "\\\\", "${\"}\"}",
    };
    private static final String[] NUMBER_FUNCTIONS = {"abs", "floor", "ceil", "round", "sqrt", "log", "log2", "log10", "exp"};
    private static final String[] LIST_TO_NUMBER = {"len", "sum", "min", "max", "mean", "product"};

    private final Random random;
    /** Top-level names bound so far, with the type of their value. */
    private final Map<String, Type> globals = new LinkedHashMap<>();
    /** Names of the function or comprehension being written now. */
    private final Map<String, Type> locals = new LinkedHashMap<>();
    /** Functions the program defined: name and number of (number) parameters; they return numbers. */
    private final List<String[]> functions = new ArrayList<>();
    private int nameCounter;

    FuzzProgramGenerator(Random random) {
        this.random = random;
    }

    /** A program of a few top-level statements. */
    String program() {
        return String.join("", statements());
    }

    /**
     * The top-level statements of a new program, each with its line end (a block spans
     * several lines), for running them one by one as a REPL does.
     */
    List<String> statements() {
        globals.clear();
        locals.clear();
        functions.clear();
        List<String> statements = new ArrayList<>();
        int count = 2 + random.nextInt(9);
        for (int i = 0; i < count; i++) {
            StringBuilder out = new StringBuilder();
            statement(out, "", 0);
            statements.add(out.toString());
        }
        if (random.nextInt(3) == 0) {
            statements.add(expression(randomType(), 3) + "\n"); // the program's value
        }
        return statements;
    }

    /**
     * An expression nested {@code depth} times, all of one kind, to probe how deeply the parser
     * and the evaluator may recurse: such a program must fail with a located error, never with
     * a Java stack overflow.
     */
    String deeplyNested(int depth) {
        return switch (random.nextInt(6)) {
            case 0 -> "x = " + "(".repeat(depth) + "1" + ")".repeat(depth) + "\nprint(x)\n";
            case 1 -> "x = " + "[".repeat(depth) + "]".repeat(depth) + "\nprint(len(x))\n";
            case 2 -> "x = " + "1 + ".repeat(depth * 10) + "1\nprint(x)\n";
            case 3 -> "x = " + "-".repeat(depth * 10) + "1\nprint(x)\n";
            case 4 -> "x = " + "2 ^ ".repeat(depth) + "1\nprint(x)\n";
            default -> "print(" + "not ".repeat(depth * 10) + "true)\n";
        };
    }

    // ---------------------------------------------------------------------------------
    // Statements

    private void statement(StringBuilder out, String indent, int depth) {
        switch (random.nextInt(depth > 0 ? 7 : 11)) {
            case 0, 1 -> {
                Type type = randomType();
                String value = expression(type, 3);
                // Sometimes a name bound before, even to another type: code that already read
                // it (a function, an earlier REPL input) must see the new value.
                String name = !globals.isEmpty() && random.nextInt(4) == 0
                        ? new ArrayList<>(globals.keySet()).get(random.nextInt(globals.size())) : newName();
                out.append(indent).append(name).append(" = ").append(value).append('\n');
                bind(name, type);
            }
            case 2, 3 -> out.append(indent).append("print(").append(expression(randomType(), 3))
                    .append(random.nextBoolean() ? ", " + expression(randomType(), 2) : "").append(")\n");
            case 4 -> {
                String name = nameOf(Type.NUMBER);
                if (name == null) {
                    statement(out, indent, depth);
                    return;
                }
                out.append(indent).append(name).append(' ').append(pick("+=", "-=", "*=", "/=")).append(' ')
                        .append(expression(Type.NUMBER, 2)).append('\n');
            }
            case 5 -> {
                out.append(indent).append("if ").append(expression(Type.BOOLEAN, 2)).append(" {\n");
                statement(out, indent + "  ", depth + 1);
                out.append(indent).append('}');
                if (random.nextBoolean()) {
                    out.append(" else ");
                    if (random.nextBoolean()) {
                        out.append("if ").append(expression(Type.BOOLEAN, 1)).append(" {\n");
                        statement(out, indent + "  ", depth + 1);
                        out.append(indent).append("} else ");
                    }
                    out.append("{\n");
                    statement(out, indent + "  ", depth + 1);
                    out.append(indent).append('}');
                }
                out.append('\n');
            }
            case 6 -> {
                String iterable = expression(Type.LIST, 2);
                String variable = newName();
                out.append(indent).append("for ").append(variable).append(" in ").append(iterable).append(" {\n");
                bind(variable, Type.NUMBER);
                statement(out, indent + "  ", depth + 1);
                statement(out, indent + "  ", depth + 1);
                out.append(indent).append("}\n");
            }
            case 7, 8 -> function(out);
            case 9 -> {
                String first = newName();
                String second = newName();
                out.append(indent).append('[').append(first).append(", ").append(second).append("] = [")
                        .append(expression(Type.NUMBER, 2)).append(", ").append(expression(Type.STRING, 2)).append("]\n");
                bind(first, Type.NUMBER);
                bind(second, Type.STRING);
            }
            default -> {
                out.append(indent).append("import math\n");
                String name = newName();
                out.append(indent).append(name).append(" = math.pi * ").append(expression(Type.NUMBER, 2)).append('\n');
                bind(name, Type.NUMBER);
            }
        }
    }

    /** A function of numbers that returns a number: {@code fn f(a, b = a * 2) = ...} or a block. */
    private void function(StringBuilder out) {
        // Now and then a function defined again, with another body and arity.
        String name = !functions.isEmpty() && random.nextInt(4) == 0
                ? functions.get(random.nextInt(functions.size()))[0] : "f" + (nameCounter++);
        int parameters = random.nextInt(3);
        locals.clear();
        StringBuilder header = new StringBuilder("fn ").append(name).append('(');
        for (int i = 0; i < parameters; i++) {
            header.append(i > 0 ? ", " : "").append('p').append(i);
            if (i == parameters - 1 && i > 0 && random.nextBoolean()) {
                header.append(" = ").append(expression(Type.NUMBER, 1)); // may use p0
            }
            locals.put("p" + i, Type.NUMBER);
        }
        header.append(')');
        if (random.nextBoolean()) {
            out.append(header).append(" = ").append(expression(Type.NUMBER, 3)).append('\n');
        } else {
            out.append(header).append(" {\n");
            out.append("  if ").append(expression(Type.BOOLEAN, 2)).append(" {\n    return ")
                    .append(expression(Type.NUMBER, 2)).append("\n  }\n");
            out.append("  total = ").append(expression(Type.NUMBER, 2)).append('\n');
            locals.put("total", Type.NUMBER);
            out.append("  for item in ").append(expression(Type.LIST, 1)).append(" {\n");
            locals.put("item", Type.NUMBER);
            out.append("    total += item\n  }\n");
            out.append("  return ").append(expression(Type.NUMBER, 3)).append("\n}\n");
        }
        locals.clear();
        functions.removeIf(known -> known[0].equals(name));
        functions.add(new String[] {name, Integer.toString(parameters)});
        bind(name, Type.FUNCTION);
    }

    // ---------------------------------------------------------------------------------
    // Expressions

    private String expression(Type type, int depth) {
        if (random.nextDouble() < WRONG_TYPE_RATE) {
            // In parentheses: 'not x' or a lambda where a number goes would not even parse.
            return "(" + expression(randomType(), depth) + ")";
        }
        if (depth <= 0) {
            return atom(type);
        }
        return switch (type) {
            case NUMBER -> number(depth);
            case STRING -> string(depth);
            case BOOLEAN -> bool(depth);
            case LIST -> list(depth);
            case RECORD -> record(depth);
            case FUNCTION -> random.nextBoolean() ? pick("sqrt", "abs", "(v -> v * 2)") : lambda(depth - 1);
        };
    }

    private String atom(Type type) {
        String variable = random.nextInt(3) == 0 ? nameOf(type) : null;
        if (variable != null) {
            return variable;
        }
        return switch (type) {
            case NUMBER -> random.nextInt(6) == 0 ? pick(EDGE_NUMBERS) : Integer.toString(random.nextInt(20) - 3);
            case STRING -> "\"" + pick(STRING_PIECES) + "\"";
            case BOOLEAN -> pick("true", "false");
            case LIST -> pick("[1, 2, 3]", "[]", "range(4)", "[0.5, -2]", "range(1, 10, 3)", "[7]");
            case RECORD -> pick("{ a: 1, b: 2 }", "{}", "{ a: 0.5, \"*.fc2.input\": 8 }");
            case FUNCTION -> pick("sqrt", "(v -> v + 1)");
        };
    }

    private String number(int depth) {
        int d = depth - 1;
        return switch (random.nextInt(17)) {
            case 0, 1, 2 -> expression(Type.NUMBER, d) + " " + pick("+", "-", "*", "/", "%", "+", "*") + " "
                    + expression(Type.NUMBER, d);
            case 3 -> "(" + expression(Type.NUMBER, d) + ") ^ " + pick("2", "0.5", "-1", "3", expression(Type.NUMBER, 0));
            case 4 -> "-" + parenthesized(Type.NUMBER, d);
            case 5 -> pick(NUMBER_FUNCTIONS) + "(" + expression(Type.NUMBER, d) + ")";
            case 6 -> pick(LIST_TO_NUMBER) + "(" + expression(Type.LIST, d) + ")";
            case 7 -> pick("min", "max") + "(" + expression(Type.NUMBER, d) + ", " + expression(Type.NUMBER, d) + ")";
            case 8 -> "len(" + expression(Type.STRING, d) + ")";
            case 9 -> parenthesized(Type.LIST, d) + "[" + pick("0", "-1", "1", expression(Type.NUMBER, 0)) + "]";
            case 10 -> parenthesized(Type.RECORD, d) + pick(".a", ".b", "[\"a\"]");
            case 11 -> userCall(d);
            case 12 -> parenthesized(Type.FUNCTION, d) + "(" + expression(Type.NUMBER, d) + ")";
            case 13 -> "round(" + expression(Type.NUMBER, d) + ", " + pick("2", "0", "-1", "digits: 3") + ")";
            case 14 -> "number(" + pick("\"2M\"", "\"1.5e-3\"", "\" -3 \"", "\"x\"", "\"inf\"", "str(" + expression(Type.NUMBER, d) + ")") + ")";
            case 15 -> "(" + expression(Type.NUMBER, d) + ")";
            default -> atom(Type.NUMBER);
        };
    }

    private String string(int depth) {
        int d = depth - 1;
        return switch (random.nextInt(8)) {
            case 0, 1 -> "\"" + pick(STRING_PIECES) + "${" + expression(randomType(), d) + "}" + pick(STRING_PIECES) + "\"";
            case 2 -> expression(Type.STRING, d) + " + " + expression(Type.STRING, d);
            case 3 -> "str(" + expression(randomType(), d) + ")";
            case 4 -> pick("si", "type") + "(" + expression(Type.NUMBER, d) + ")";
            case 5 -> parenthesized(Type.STRING, d) + "[" + pick("0", "-1") + "]";
            case 6 -> "help(" + expression(Type.FUNCTION, d) + ")";
            default -> atom(Type.STRING);
        };
    }

    private String bool(int depth) {
        int d = depth - 1;
        return switch (random.nextInt(9)) {
            case 0, 1 -> expression(Type.NUMBER, d) + " " + pick("<", "<=", ">", ">=", "==", "!=") + " "
                    + expression(Type.NUMBER, d);
            case 2 -> expression(Type.NUMBER, d) + " < " + expression(Type.NUMBER, d) + " <= " + expression(Type.NUMBER, d);
            case 3 -> expression(Type.BOOLEAN, d) + pick(" and ", " or ") + expression(Type.BOOLEAN, d);
            case 4 -> "not " + parenthesized(Type.BOOLEAN, d);
            case 5 -> expression(Type.NUMBER, d) + pick(" in ", " not in ") + expression(Type.LIST, d);
            case 6 -> pick("\"a\"", "\"*.fc2.input\"", "\"z\"") + pick(" in ", " not in ") + expression(Type.RECORD, d);
            case 7 -> parenthesized(randomType(), d) + pick(" == ", " != ") + parenthesized(randomType(), d);
            default -> atom(Type.BOOLEAN);
        };
    }

    private String list(int depth) {
        int d = depth - 1;
        return switch (random.nextInt(11)) {
            case 0, 1 -> "[" + numbers(d) + "]";
            case 2 -> "range(" + pick("5", "0", "2, 9", "10, 0, -3", expression(Type.NUMBER, 0)) + ")";
            case 3, 4 -> comprehension(d);
            case 5 -> pick("sort", "reversed") + "(" + expression(Type.LIST, d) + ")";
            case 6 -> "sort(" + expression(Type.LIST, d) + ", " + pick("reverse: true", "key: v -> -v", "key: v -> v % 3") + ")";
            case 7 -> expression(Type.LIST, d) + " + " + expression(Type.LIST, d);
            case 8 -> pick("linspace", "logspace") + "(" + pick("1", "0.5") + ", " + pick("10", "100") + ", " + pick("1", "3", "5") + ")";
            case 9 -> "values(" + expression(Type.RECORD, d) + ")";
            default -> atom(Type.LIST);
        };
    }

    private String record(int depth) {
        int d = depth - 1;
        return switch (random.nextInt(4)) {
            case 0, 1 -> "{ a: " + expression(Type.NUMBER, d) + ", b: " + expression(Type.NUMBER, d)
                    + (random.nextBoolean() ? ", \"*.fc2.input\": " + expression(randomType(), d) : "") + " }";
            case 2 -> parenthesized(Type.RECORD, d) + " with { " + pick("a", "b", "c") + ": " + expression(Type.NUMBER, d) + " }";
            default -> atom(Type.RECORD);
        };
    }

    /** {@code [f(c) for c in xs if c > 0]}, sometimes with two loops or a destructuring. */
    private String comprehension(int depth) {
        Map<String, Type> saved = new LinkedHashMap<>(locals);
        StringBuilder clauses = new StringBuilder();
        if (random.nextInt(4) == 0) {
            clauses.append(" for [c, d] in zip(").append(expression(Type.LIST, depth)).append(", ")
                    .append(expression(Type.LIST, depth)).append(')');
            locals.put("c", Type.NUMBER);
            locals.put("d", Type.NUMBER);
        } else {
            clauses.append(" for c in ").append(expression(Type.LIST, depth));
            locals.put("c", Type.NUMBER);
            if (random.nextInt(3) == 0) {
                clauses.append(" for e in ").append(expression(Type.LIST, 0));
                locals.put("e", Type.NUMBER);
            }
        }
        if (random.nextBoolean()) {
            clauses.append(" if ").append(expression(Type.BOOLEAN, depth));
        }
        String element = expression(Type.NUMBER, depth);
        locals.clear();
        locals.putAll(saved);
        return "[" + element + clauses + "]";
    }

    /** {@code (v -> ...)}: a lambda of one number, which may capture the names around it. */
    private String lambda(int depth) {
        Map<String, Type> saved = new LinkedHashMap<>(locals);
        locals.put("v", Type.NUMBER);
        String body = expression(Type.NUMBER, depth);
        locals.clear();
        locals.putAll(saved);
        return "(v -> " + body + ")";
    }

    /** A call of a function the program defined, usually with the right arguments. */
    private String userCall(int depth) {
        if (functions.isEmpty()) {
            return atom(Type.NUMBER);
        }
        String[] function = functions.get(random.nextInt(functions.size()));
        int count = Integer.parseInt(function[1]);
        if (random.nextInt(10) == 0) {
            count = Math.max(0, count + random.nextInt(3) - 1);
        }
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String value = expression(Type.NUMBER, depth);
            arguments.add(i == count - 1 && random.nextInt(3) == 0 ? "p" + i + ": " + value : value);
        }
        return function[0] + "(" + String.join(", ", arguments) + ")";
    }

    private String numbers(int depth) {
        List<String> values = new ArrayList<>();
        int count = random.nextInt(5);
        for (int i = 0; i < count; i++) {
            values.add(expression(Type.NUMBER, depth));
        }
        return String.join(", ", values);
    }

    /** An operand that binds tightly whatever it is: an atom or an expression in parentheses. */
    private String parenthesized(Type type, int depth) {
        return depth <= 0 ? atom(type) : "(" + expression(type, depth) + ")";
    }

    // ---------------------------------------------------------------------------------
    // Names

    /** A visible name holding a value of {@code type}, or null when there is none. */
    private String nameOf(Type type) {
        List<String> candidates = new ArrayList<>();
        locals.forEach((name, t) -> {
            if (t == type) {
                candidates.add(name);
            }
        });
        if (locals.isEmpty() || random.nextBoolean()) {
            globals.forEach((name, t) -> {
                if (t == type && !locals.containsKey(name)) {
                    candidates.add(name);
                }
            });
        }
        if (random.nextInt(40) == 0) {
            return pick("undefined_name", "modle"); // an unknown name now and then
        }
        return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
    }

    private String newName() {
        return "v" + (nameCounter++);
    }

    private void bind(String name, Type type) {
        globals.put(name, type);
    }

    private Type randomType() {
        Type[] types = Type.values();
        return types[random.nextInt(types.length)];
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
