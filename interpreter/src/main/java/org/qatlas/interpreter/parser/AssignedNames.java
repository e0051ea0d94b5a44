package org.qatlas.interpreter.parser;

import java.util.LinkedHashSet;
import java.util.Set;
import org.qatlas.grammar.QatParserBaseVisitor;
import org.qatlas.grammar.QatParser;

/**
 * Collects the names a function body binds (assignments, loop variables, nested function
 * definitions), which makes them local to the whole function. It does not look inside nested
 * functions or lambdas, whose names are their own.
 */
final class AssignedNames extends QatParserBaseVisitor<Void> {
    private final Set<String> names = new LinkedHashSet<>();

    static Set<String> in(QatParser.BlockContext body) {
        AssignedNames collector = new AssignedNames();
        if (body != null) {
            body.statement().forEach(collector::visit);
        }
        return collector.names;
    }

    @Override
    public Void visitAssignment(QatParser.AssignmentContext ctx) {
        visit(ctx.target());
        return null;
    }

    @Override
    public Void visitCompoundAssignment(QatParser.CompoundAssignmentContext ctx) {
        names.add(ctx.name.getText());
        return null;
    }

    @Override
    public Void visitForStatement(QatParser.ForStatementContext ctx) {
        visit(ctx.target());
        visit(ctx.block());
        return null;
    }

    @Override
    public Void visitNameTarget(QatParser.NameTargetContext ctx) {
        names.add(ctx.IDENT().getText());
        return null;
    }

    @Override
    public Void visitFunctionDefinition(QatParser.FunctionDefinitionContext ctx) {
        names.add(ctx.name.getText());
        return null;
    }

    @Override
    public Void visitLawDefinition(QatParser.LawDefinitionContext ctx) {
        names.add(ctx.name.getText());
        return null;
    }

    @Override
    public Void visitExpressionStatement(QatParser.ExpressionStatementContext ctx) {
        return null; // expressions bind nothing outside their own comprehensions
    }

    @Override
    public Void visitReturnStatement(QatParser.ReturnStatementContext ctx) {
        return null;
    }
}
