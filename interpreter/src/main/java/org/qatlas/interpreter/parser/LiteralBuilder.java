package org.qatlas.interpreter.parser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.qatlas.grammar.QatParser;
import org.qatlas.interpreter.QatLanguage;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.nodes.control.AppendNode;
import org.qatlas.interpreter.nodes.control.ComprehensionNode;
import org.qatlas.interpreter.nodes.control.ForNode;
import org.qatlas.interpreter.nodes.control.IfNode;
import org.qatlas.interpreter.nodes.literals.ConstantNode;
import org.qatlas.interpreter.nodes.literals.DoubleLiteralNode;
import org.qatlas.interpreter.nodes.literals.InterpolationNode;
import org.qatlas.interpreter.nodes.literals.ListLiteralNode;
import org.qatlas.interpreter.nodes.literals.LongLiteralNode;
import org.qatlas.interpreter.nodes.literals.RecordLiteralNode;
import org.qatlas.interpreter.nodes.locals.WriteTargetNode;
import org.qatlas.interpreter.runtime.GlobalScope;
import org.qatlas.interpreter.runtime.QatNone;
import org.qatlas.interpreter.runtime.QatSyntaxError;
import org.qatlas.interpreter.runtime.RecordShape;
import org.qatlas.stdlib.text.NumberText;

/** Builds literals: numbers, strings with their interpolations, lists, records and comprehensions. */
abstract class LiteralBuilder extends TreeBuilder {
    LiteralBuilder(QatLanguage language, GlobalScope globals, SourceMap sources, CommonTokenStream tokens) {
        super(language, globals, sources, tokens);
    }

    @Override
    public QatExpressionNode visitNumber(QatParser.NumberContext ctx) {
        Number value = NumberText.parseLiteral(ctx.getText());
        QatExpressionNode node = value instanceof Long l ? new LongLiteralNode(l) : new DoubleLiteralNode(value.doubleValue());
        return located(node, ctx);
    }

    @Override
    public QatExpressionNode visitTrue(QatParser.TrueContext ctx) {
        return located(new ConstantNode(true), ctx);
    }

    @Override
    public QatExpressionNode visitFalse(QatParser.FalseContext ctx) {
        return located(new ConstantNode(false), ctx);
    }

    @Override
    public QatExpressionNode visitNone(QatParser.NoneContext ctx) {
        return located(new ConstantNode(QatNone.INSTANCE), ctx);
    }

    @Override
    public QatExpressionNode visitString(QatParser.StringContext ctx) {
        Token token = ctx.STRING().getSymbol();
        List<StringLiteral.Part> parts = splitString(token);
        if (parts.size() == 1 && !parts.get(0).isExpression()) {
            return located(new ConstantNode(parts.get(0).text()), ctx);
        }
        QatExpressionNode[] nodes = new QatExpressionNode[parts.size()];
        for (int i = 0; i < nodes.length; i++) {
            StringLiteral.Part part = parts.get(i);
            nodes[i] = part.isExpression() ? interpolation(part, token) : new ConstantNode(part.text());
        }
        return located(new InterpolationNode(nodes), ctx);
    }

    List<StringLiteral.Part> splitString(Token token) {
        try {
            return StringLiteral.split(token.getText());
        } catch (StringLiteral.BadEscape e) {
            int at = token.getStartIndex() + e.codePointOffset;
            throw new QatSyntaxError(e.getMessage(), sources.section(at, at + 1), false);
        }
    }

    /** The text of a string literal that may not interpolate (an import path, a record key). */
    String literalText(Token token) {
        List<StringLiteral.Part> parts = splitString(token);
        if (parts.size() != 1 || parts.get(0).isExpression()) {
            throw new QatSyntaxError("this string cannot contain ${...}", sources.section(token), false);
        }
        return parts.get(0).text();
    }

    /** Parses the expression inside "${...}" in the current scope, with positions in the file. */
    QatExpressionNode interpolation(StringLiteral.Part part, Token token) {
        SourceMap outerSources = sources;
        sources = outerSources.shifted(token.getStartIndex() + part.codePointOffset());
        try {
            if (part.text().isBlank()) {
                throw new QatSyntaxError("empty ${} in a string", sources.section(0, 0), false);
            }
            CommonTokenStream innerTokens = AstBuilder.tokenize(part.text(), sources);
            QatParser.ExpressionOnlyContext expression = AstBuilder.parser(innerTokens, sources).expressionOnly();
            return visit(expression.expr());
        } finally {
            sources = outerSources;
        }
    }

    @Override
    public QatExpressionNode visitList(QatParser.ListContext ctx) {
        QatExpressionNode[] elements = ctx.expr().stream().map(this::visit).toArray(QatExpressionNode[]::new);
        return located(new ListLiteralNode(elements), ctx);
    }

    @Override
    public QatExpressionNode visitRecord(QatParser.RecordContext ctx) {
        List<QatParser.FieldContext> fields = ctx.field();
        String[] names = new String[fields.size()];
        QatExpressionNode[] values = new QatExpressionNode[fields.size()];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.length; i++) {
            QatParser.FieldContext field = fields.get(i);
            names[i] = field.IDENT() != null ? field.IDENT().getText() : literalText(field.STRING().getSymbol());
            if (!seen.add(names[i])) {
                throw error("field '" + names[i] + "' appears twice", field);
            }
            values[i] = visit(field.expr());
        }
        return located(new RecordLiteralNode(new RecordShape(names), values), ctx);
    }

    /**
     * {@code [element for x in xs if c ...]}: each clause sees the variables of the clauses
     * before it; the first iterable is evaluated outside the comprehension's own names.
     */
    @Override
    public QatExpressionNode visitComprehension(QatParser.ComprehensionContext ctx) {
        int resultSlot = scope.hiddenSlot("comprehension");
        scope.enterComprehension();
        try {
            List<Object[]> clauses = new ArrayList<>();
            for (QatParser.ComprehensionClauseContext clause : ctx.comprehensionClause()) {
                if (clause instanceof QatParser.ComprehensionForContext loop) {
                    QatExpressionNode iterable = visit(loop.iterable);
                    clauses.add(new Object[] {comprehensionTarget(loop.target()), iterable, clause});
                } else {
                    QatParser.ComprehensionIfContext test = (QatParser.ComprehensionIfContext) clause;
                    clauses.add(new Object[] {null, visit(test.condition), clause});
                }
            }
            QatExpressionNode inner = located(new AppendNode(visit(ctx.element), resultSlot), ctx.element);
            for (int i = clauses.size() - 1; i >= 0; i--) {
                Object[] clause = clauses.get(i);
                ParserRuleContext source = (ParserRuleContext) clause[2];
                if (clause[0] != null) {
                    inner = located(new ForNode((WriteTargetNode) clause[0], (QatExpressionNode) clause[1], inner,
                            scope.hiddenSlot("sequence"), scope.hiddenSlot("index")), source);
                } else {
                    inner = located(new IfNode((QatExpressionNode) clause[1], inner, null), source);
                }
            }
            return located(new ComprehensionNode(inner, resultSlot), ctx);
        } finally {
            scope.exitComprehension();
        }
    }
}
