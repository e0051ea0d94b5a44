package org.qatlas.interpreter.parser;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.qatlas.grammar.QatParser;
import org.qatlas.interpreter.QatLanguage;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.nodes.arithmetic.AddNodeGen;
import org.qatlas.interpreter.nodes.arithmetic.DivideNodeGen;
import org.qatlas.interpreter.nodes.arithmetic.MultiplyNodeGen;
import org.qatlas.interpreter.nodes.arithmetic.SubtractNodeGen;
import org.qatlas.interpreter.nodes.calls.BindParameterNode;
import org.qatlas.interpreter.nodes.calls.FunctionRootNode;
import org.qatlas.interpreter.nodes.calls.LawValueNode;
import org.qatlas.interpreter.nodes.calls.ReturnNode;
import org.qatlas.interpreter.nodes.control.BlockNode;
import org.qatlas.interpreter.nodes.control.ForNode;
import org.qatlas.interpreter.nodes.control.IfNode;
import org.qatlas.interpreter.nodes.control.ImportNode;
import org.qatlas.interpreter.nodes.literals.ConstantNode;
import org.qatlas.interpreter.nodes.locals.AssignNode;
import org.qatlas.interpreter.nodes.locals.WriteLocalNodeGen;
import org.qatlas.interpreter.nodes.locals.WriteTargetNode;
import org.qatlas.interpreter.runtime.GlobalScope;
import org.qatlas.interpreter.runtime.QatNone;

/**
 * Builds statements: blocks, assignments, control flow, imports, and function and law
 * definitions, and reports what the grammar alone cannot catch (a 'return' outside a function,
 * an 'import' inside one) as syntax errors.
 */
final class StatementBuilder extends ExpressionBuilder {
    StatementBuilder(QatLanguage language, GlobalScope globals, SourceMap sources, CommonTokenStream tokens) {
        super(language, globals, sources, tokens);
    }

    BlockNode statements(List<QatParser.StatementContext> statements, boolean lastIsValue) {
        QatExpressionNode[] nodes = new QatExpressionNode[statements.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = visit(statements.get(i));
        }
        boolean valued = lastIsValue && !statements.isEmpty()
                && statements.get(statements.size() - 1) instanceof QatParser.ExpressionStatementContext;
        return new BlockNode(nodes, valued);
    }

    @Override
    public QatExpressionNode visitBlock(QatParser.BlockContext ctx) {
        return located(statements(ctx.statement(), false), ctx);
    }

    @Override
    public QatExpressionNode visitExpressionStatement(QatParser.ExpressionStatementContext ctx) {
        return visit(ctx.expr());
    }

    @Override
    public QatExpressionNode visitAssignment(QatParser.AssignmentContext ctx) {
        QatExpressionNode value = visit(ctx.expr());
        return located(new AssignNode(target(ctx.target()), value), ctx);
    }

    @Override
    public QatExpressionNode visitCompoundAssignment(QatParser.CompoundAssignmentContext ctx) {
        String name = ctx.name.getText();
        QatExpressionNode current = readName(name, ctx);
        QatExpressionNode operand = visit(ctx.expr());
        QatExpressionNode combined = switch (ctx.op.getType()) {
            case QatParser.PLUS_ASSIGN -> AddNodeGen.create(current, operand);
            case QatParser.MINUS_ASSIGN -> SubtractNodeGen.create(current, operand);
            case QatParser.STAR_ASSIGN -> MultiplyNodeGen.create(current, operand);
            default -> DivideNodeGen.create(current, operand);
        };
        located(combined, ctx);
        return located(new AssignNode(nameTarget(name, ctx), combined), ctx);
    }

    @Override
    public QatExpressionNode visitIfStatementAlone(QatParser.IfStatementAloneContext ctx) {
        return visit(ctx.ifStatement());
    }

    @Override
    public QatExpressionNode visitIfStatement(QatParser.IfStatementContext ctx) {
        QatExpressionNode condition = visit(ctx.condition);
        QatExpressionNode then = visit(ctx.then);
        QatExpressionNode otherwise = ctx.elseIf != null ? visit(ctx.elseIf) : ctx.otherwise != null ? visit(ctx.otherwise) : null;
        return located(new IfNode(condition, then, otherwise), ctx);
    }

    @Override
    public QatExpressionNode visitForStatement(QatParser.ForStatementContext ctx) {
        QatExpressionNode iterable = visit(ctx.iterable);
        WriteTargetNode target = target(ctx.target());
        QatExpressionNode body = visit(ctx.block());
        return located(new ForNode(target, iterable, body, scope.hiddenSlot("sequence"), scope.hiddenSlot("index")), ctx);
    }

    @Override
    public QatExpressionNode visitReturnStatement(QatParser.ReturnStatementContext ctx) {
        if (scope.isTopLevel()) {
            throw error("'return' outside a function", ctx);
        }
        QatExpressionNode value = ctx.expr() == null ? new ConstantNode(QatNone.INSTANCE) : visit(ctx.expr());
        return located(new ReturnNode(value), ctx);
    }

    @Override
    public QatExpressionNode visitImportStatement(QatParser.ImportStatementContext ctx) {
        if (!scope.isTopLevel()) {
            throw error("'import' is allowed only at the top level of a file", ctx);
        }
        String alias = ctx.alias == null ? null : ctx.alias.getText();
        if (ctx.module != null) {
            String module = ctx.module.getText();
            return located(ImportNode.module(globals, module, alias == null ? module : alias), ctx);
        }
        String path = literalText(ctx.path);
        return located(ImportNode.file(globals, path, alias, sources.source()), ctx);
    }

    @Override
    public QatExpressionNode visitFunctionDefinition(QatParser.FunctionDefinitionContext ctx) {
        String name = ctx.name.getText();
        List<QatParser.ParameterContext> parameters = ctx.parameters() == null ? List.of() : ctx.parameters().parameter();
        List<String> names = new ArrayList<>();
        List<QatParser.ExprContext> defaults = new ArrayList<>();
        for (QatParser.ParameterContext parameter : parameters) {
            names.add(parameter.name.getText());
            defaults.add(parameter.defaultValue);
        }
        checkDistinct(names, ctx);
        QatExpressionNode function = function(name, names, defaults, ctx.body, ctx.block(), docComment(ctx.getStart()), ctx);
        return located(new AssignNode(nameTarget(name, ctx), function), ctx);
    }

    @Override
    public QatExpressionNode visitLawDefinition(QatParser.LawDefinitionContext ctx) {
        String name = ctx.name.getText();
        List<String> variables = ctx.variables.IDENT().stream().map(n -> n.getText()).toList();
        List<QatParser.LawParameterContext> declared = ctx.lawParameters() == null ? List.of() : ctx.lawParameters().lawParameter();
        List<String> names = new ArrayList<>(variables);
        String[] parameterNames = new String[declared.size()];
        QatExpressionNode[] initials = new QatExpressionNode[declared.size()];
        QatExpressionNode[] bounds = new QatExpressionNode[declared.size()];
        for (int i = 0; i < declared.size(); i++) {
            QatParser.LawParameterContext parameter = declared.get(i);
            parameterNames[i] = parameter.name.getText();
            names.add(parameterNames[i]);
            // Starting values and bounds belong to the declaration, not to each call: they are
            // evaluated where the law is declared.
            initials[i] = visit(parameter.initial);
            bounds[i] = parameter.bound == null ? null : visit(parameter.bound);
        }
        checkDistinct(names, ctx);
        FunctionScope outer = scope;
        QatExpressionNode law;
        scope = outer.function(names, AssignedNames.in(null));
        try {
            BindParameterNode[] binds = new BindParameterNode[names.size()];
            for (int i = 0; i < binds.length; i++) {
                binds[i] = new BindParameterNode(i, WriteLocalNodeGen.create(scope.ownSlot(names.get(i))), null);
            }
            QatExpressionNode body = visit(ctx.body);
            FunctionRootNode root = new FunctionRootNode(language, scope.buildFrame(), binds, body, name, sources.section(ctx));
            String source = sources.section(ctx).getCharacters().toString();
            law = new LawValueNode(name, variables.toArray(String[]::new), parameterNames, initials, bounds,
                    root.getCallTarget(), scope.capturesOuterFrame(), docComment(ctx.getStart()), source);
        } finally {
            scope = outer;
        }
        return located(new AssignNode(nameTarget(name, ctx), located(law, ctx)), ctx);
    }

    /** The '#' comment lines directly above a definition, without the '#'. */
    String docComment(Token definition) {
        List<String> lines = new ArrayList<>();
        int index = definition.getTokenIndex() - 1;
        while (index >= 1 && tokens.get(index).getType() == QatParser.NEWLINE
                && tokens.get(index - 1).getType() == QatParser.COMMENT) {
            lines.add(0, tokens.get(index - 1).getText().substring(1).strip());
            index -= 2;
        }
        return String.join("\n", lines);
    }
}
