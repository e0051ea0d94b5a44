package org.qatlas.interpreter.parser;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.qatlas.grammar.QatParser;
import org.qatlas.grammar.QatParserBaseVisitor;
import org.qatlas.interpreter.QatLanguage;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.nodes.calls.BindParameterNode;
import org.qatlas.interpreter.nodes.calls.FunctionRootNode;
import org.qatlas.interpreter.nodes.calls.FunctionValueNode;
import org.qatlas.interpreter.nodes.locals.DestructureNode;
import org.qatlas.interpreter.nodes.locals.ReadGlobalNode;
import org.qatlas.interpreter.nodes.locals.ReadLocalNodeGen;
import org.qatlas.interpreter.nodes.locals.ReadOuterLocalNode;
import org.qatlas.interpreter.nodes.locals.WriteGlobalNode;
import org.qatlas.interpreter.nodes.locals.WriteLocalNodeGen;
import org.qatlas.interpreter.nodes.locals.WriteTargetNode;
import org.qatlas.interpreter.runtime.GlobalScope;
import org.qatlas.interpreter.runtime.QatSyntaxError;
import org.qatlas.interpreter.runtime.Signature;

/**
 * What every part of the tree builder shares: the script's sources and tokens, the scope of the
 * function being built, how names resolve to frame slots, an enclosing function's slots or
 * top-level names, and how a function's own scope and call target are made. The builder is one
 * ANTLR visitor split by subject into a chain of classes: {@link LiteralBuilder},
 * {@link ExpressionBuilder}, {@link StatementBuilder}; {@link AstBuilder} runs it.
 */
abstract class TreeBuilder extends QatParserBaseVisitor<QatExpressionNode> {
    final QatLanguage language;
    final GlobalScope globals;
    final CommonTokenStream tokens;
    SourceMap sources;
    FunctionScope scope = FunctionScope.topLevel();

    TreeBuilder(QatLanguage language, GlobalScope globals, SourceMap sources, CommonTokenStream tokens) {
        this.language = language;
        this.globals = globals;
        this.sources = sources;
        this.tokens = tokens;
    }

    QatSyntaxError error(String message, ParserRuleContext at) {
        return new QatSyntaxError(message, sources.section(at), false);
    }

    <T extends QatExpressionNode> T located(T node, ParserRuleContext at) {
        node.at(sources.section(at));
        return node;
    }

    /** Gives a binary node the source from its first operand to its last. */
    void spanning(QatExpressionNode node, ParserRuleContext first, ParserRuleContext last) {
        node.at(sources.section(first.getStart().getStartIndex(), last.getStop().getStopIndex()));
    }

    void checkDistinct(List<String> names, ParserRuleContext ctx) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw error("parameter '" + name + "' appears twice", ctx);
            }
        }
    }

    /**
     * Builds a function: its own scope with the parameters and every name its body assigns,
     * the call target, and the node that makes the function value where it is defined.
     */
    QatExpressionNode function(String name, List<String> parameters, List<QatParser.ExprContext> defaults,
            QatParser.ExprContext bodyExpression, QatParser.BlockContext bodyBlock, String doc, ParserRuleContext ctx) {
        FunctionScope outer = scope;
        scope = outer.function(parameters, AssignedNames.in(bodyBlock));
        try {
            BindParameterNode[] binds = new BindParameterNode[parameters.size()];
            Object[] defaultMarkers = new Object[parameters.size()];
            String[] defaultSources = new String[parameters.size()];
            for (int i = 0; i < binds.length; i++) {
                QatParser.ExprContext defaultSource = defaults.get(i);
                QatExpressionNode defaultValue = defaultSource == null ? null : visit(defaultSource);
                defaultMarkers[i] = defaultSource == null ? null : Signature.MISSING;
                defaultSources[i] = defaultSource == null ? null : sources.section(defaultSource).getCharacters().toString();
                binds[i] = new BindParameterNode(i, WriteLocalNodeGen.create(scope.ownSlot(parameters.get(i))), defaultValue);
            }
            QatExpressionNode body = bodyExpression != null ? visit(bodyExpression) : visit(bodyBlock);
            FunctionRootNode root = new FunctionRootNode(language, scope.buildFrame(), binds, body, name, sources.section(ctx));
            Signature signature = new Signature(parameters.toArray(String[]::new), defaultMarkers, -1, defaultSources);
            return located(new FunctionValueNode(name, signature, root.getCallTarget(), scope.capturesOuterFrame(), doc), ctx);
        } finally {
            scope = outer;
        }
    }

    // Names and targets

    WriteTargetNode target(QatParser.TargetContext ctx) {
        if (ctx instanceof QatParser.NameTargetContext name) {
            return nameTarget(name.IDENT().getText(), ctx);
        }
        List<QatParser.TargetContext> parts = ((QatParser.ListTargetContext) ctx).target();
        WriteTargetNode[] nodes = new WriteTargetNode[parts.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = target(parts.get(i));
        }
        return new DestructureNode(nodes).at(sources.section(ctx));
    }

    WriteTargetNode nameTarget(String name, ParserRuleContext ctx) {
        Integer slot = scope.ownSlot(name);
        WriteTargetNode node;
        if (slot != null) {
            node = WriteLocalNodeGen.create(slot);
        } else if (scope.isTopLevel()) {
            node = new WriteGlobalNode(globals, name);
        } else {
            throw error("cannot assign to '" + name + "' here", ctx);
        }
        return node.at(sources.section(ctx));
    }

    WriteTargetNode comprehensionTarget(QatParser.TargetContext ctx) {
        if (ctx instanceof QatParser.NameTargetContext name) {
            int slot = scope.declareComprehensionVariable(name.IDENT().getText());
            return WriteLocalNodeGen.create(slot).at(sources.section(ctx));
        }
        List<QatParser.TargetContext> parts = ((QatParser.ListTargetContext) ctx).target();
        WriteTargetNode[] nodes = new WriteTargetNode[parts.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = comprehensionTarget(parts.get(i));
        }
        return new DestructureNode(nodes).at(sources.section(ctx));
    }

    QatExpressionNode readName(String name, ParserRuleContext ctx) {
        FunctionScope.Local local = scope.resolve(name);
        QatExpressionNode node;
        if (local == null) {
            node = new ReadGlobalNode(globals, name, scope.visibleNames());
        } else if (local.depth() == 0) {
            node = ReadLocalNodeGen.create(local.slot(), name);
        } else {
            node = new ReadOuterLocalNode(local.depth(), local.slot(), name);
        }
        return located(node, ctx);
    }

    @Override
    public QatExpressionNode visitName(QatParser.NameContext ctx) {
        return readName(ctx.IDENT().getText(), ctx);
    }
}
