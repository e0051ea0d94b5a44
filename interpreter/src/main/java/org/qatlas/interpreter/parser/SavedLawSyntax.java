package org.qatlas.interpreter.parser;

import com.oracle.truffle.api.source.Source;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.qatlas.grammar.QatParser;
import org.qatlas.interpreter.QatLanguage;
import org.qatlas.interpreter.nodes.control.ProgramRootNode;
import org.qatlas.interpreter.runtime.GlobalScope;

/**
 * A saved law's source text is data: it may hold one law declaration and nothing else, whose
 * starting values and bounds are numbers and whose expression uses only numbers, the law's own
 * variables and parameters, arithmetic, comparisons and the built-in functions of numbers.
 * Anything else (a second statement, a call of {@code save}, a field access, a string, a
 * lambda) is refused before a node is built, so loading a file never runs code from it.
 */
public final class SavedLawSyntax {
    /** The functions a law's expression may call: the built-ins of numbers to a number, none with effects. */
    static final Set<String> FUNCTIONS = Set.of("abs", "ceil", "exp", "floor", "log", "log2", "log10", "max", "min", "sqrt");

    private SavedLawSyntax() {
    }

    /**
     * Parses and checks a saved law's declaration; the returned program, when run, only
     * declares the law.
     *
     * @throws IllegalArgumentException saying what in the text is not allowed
     */
    public static ProgramRootNode parse(QatLanguage language, Source source, GlobalScope globals) {
        return AstBuilder.parseProgram(language, source, globals, SavedLawSyntax::check);
    }

    static void check(QatParser.ProgramContext program) {
        try {
            checkStatements(program);
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException("its law's expression is nested too deeply to check");
        }
    }

    private static void checkStatements(QatParser.ProgramContext program) {
        List<QatParser.StatementContext> statements = program.statement();
        if (statements.size() != 1 || !(statements.get(0) instanceof QatParser.LawDefinitionContext law)) {
            throw new IllegalArgumentException("its source must be one law declaration and nothing else, but it holds "
                    + statements.size() + " statement" + (statements.size() == 1 ? "" : "s")
                    + (statements.isEmpty() ? "" : ", starting with: " + clip(statements.get(0).getText())));
        }
        Set<String> names = new HashSet<>();
        law.variables.IDENT().forEach(n -> names.add(n.getText()));
        if (law.lawParameters() != null) {
            for (QatParser.LawParameterContext parameter : law.lawParameters().lawParameter()) {
                names.add(parameter.name.getText());
                constant(parameter.initial);
                if (parameter.bound != null) {
                    constant(parameter.bound);
                }
            }
        }
        expression(law.body, names);
    }

    /** A starting value or bound: a number, possibly signed. */
    private static void constant(ParserRuleContext value) {
        walk(value, Set.of(), false);
    }

    private static void expression(ParserRuleContext body, Set<String> names) {
        walk(body, names, true);
    }

    private static void walk(ParseTree tree, Set<String> names, boolean callsAllowed) {
        if (tree instanceof TerminalNode) {
            return; // operators and literals; the rule contexts around them decide
        }
        ParserRuleContext context = (ParserRuleContext) tree;
        if (!allowed(context, names, callsAllowed)) {
            throw new IllegalArgumentException("a saved law's expression may use only numbers, the law's variables and "
                    + "parameters, arithmetic, comparisons and " + String.join(", ", FUNCTIONS.stream().sorted().toList())
                    + "; its source holds " + clip(context.getText()));
        }
        for (int i = 0; i < context.getChildCount(); i++) {
            walk(context.getChild(i), names, callsAllowed);
        }
    }

    private static boolean allowed(ParserRuleContext context, Set<String> names, boolean callsAllowed) {
        return switch (context) {
            // Operators and brackets: what they combine is checked below them.
            case QatParser.PlainExprContext c -> true;
            case QatParser.OrExprContext c -> true;
            case QatParser.AndExprContext c -> true;
            case QatParser.NotContext c -> true;
            case QatParser.NotOperandContext c -> true;
            case QatParser.ComparisonContext c -> true;
            case QatParser.AdditiveContext c -> true;
            case QatParser.AdditiveOperatorContext c -> true;
            case QatParser.MultiplicativeContext c -> true;
            case QatParser.MultiplicativeOperatorContext c -> true;
            case QatParser.SignedContext c -> true;
            case QatParser.UnaryOperandContext c -> true;
            case QatParser.PowerContext c -> true;
            case QatParser.ParenthesizedContext c -> true;
            case QatParser.NumberContext c -> true;
            case QatParser.ComparisonOperatorContext c -> c.IN() == null;
            case QatParser.WithExprContext c -> c.WITH().isEmpty();
            // A call: only of an allowed function, named directly, with positional arguments.
            case QatParser.PostfixContext c -> c.postfixOperation().isEmpty() || callsAllowed && isFunctionCall(c, names);
            case QatParser.CallContext c -> true; // only below a postfix checked above
            case QatParser.ArgumentsContext c -> true;
            case QatParser.ArgumentContext c -> c.name == null;
            case QatParser.NameContext c -> names.contains(c.getText()) || isCallee(c, names, callsAllowed);
            default -> false;
        };
    }

    /** {@code log(x)}: one call of an allowed function named directly, nothing else after it. */
    private static boolean isFunctionCall(QatParser.PostfixContext postfix, Set<String> names) {
        return postfix.postfixOperation().size() == 1
                && postfix.postfixOperation(0) instanceof QatParser.CallContext
                && postfix.primary() instanceof QatParser.NameContext name
                && FUNCTIONS.contains(name.getText()) && !names.contains(name.getText());
    }

    private static boolean isCallee(QatParser.NameContext name, Set<String> names, boolean callsAllowed) {
        return callsAllowed && name.getParent() instanceof QatParser.PostfixContext postfix && postfix.primary() == name
                && isFunctionCall(postfix, names);
    }

    private static String clip(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
