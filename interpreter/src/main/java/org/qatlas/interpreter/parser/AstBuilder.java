package org.qatlas.interpreter.parser;

import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.source.SourceSection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.qatlas.grammar.QatParserBaseVisitor;
import org.qatlas.grammar.QatLexer;
import org.qatlas.grammar.QatParser;
import org.qatlas.interpreter.QatLanguage;
import org.qatlas.interpreter.nodes.ProgramRootNode;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.nodes.access.FieldNodeGen;
import org.qatlas.interpreter.nodes.access.IndexNodeGen;
import org.qatlas.interpreter.nodes.access.SliceNode;
import org.qatlas.interpreter.nodes.access.WithNodeGen;
import org.qatlas.interpreter.nodes.arithmetic.AddNodeGen;
import org.qatlas.interpreter.nodes.arithmetic.DivideNodeGen;
import org.qatlas.interpreter.nodes.arithmetic.ModuloNodeGen;
import org.qatlas.interpreter.nodes.arithmetic.MultiplyNodeGen;
import org.qatlas.interpreter.nodes.arithmetic.NegateNodeGen;
import org.qatlas.interpreter.nodes.arithmetic.PlusNodeGen;
import org.qatlas.interpreter.nodes.arithmetic.PowerNodeGen;
import org.qatlas.interpreter.nodes.arithmetic.SubtractNodeGen;
import org.qatlas.interpreter.nodes.calls.BindParameterNode;
import org.qatlas.interpreter.nodes.calls.CallNode;
import org.qatlas.interpreter.nodes.calls.FunctionRootNode;
import org.qatlas.interpreter.nodes.calls.FunctionValueNode;
import org.qatlas.interpreter.nodes.calls.LawValueNode;
import org.qatlas.interpreter.nodes.calls.ReturnNode;
import org.qatlas.interpreter.nodes.control.AppendNode;
import org.qatlas.interpreter.nodes.control.BlockNode;
import org.qatlas.interpreter.nodes.control.ComprehensionNode;
import org.qatlas.interpreter.nodes.control.ForNode;
import org.qatlas.interpreter.nodes.control.IfNode;
import org.qatlas.interpreter.nodes.control.ImportNode;
import org.qatlas.interpreter.nodes.literals.ConstantNode;
import org.qatlas.interpreter.nodes.literals.DoubleLiteralNode;
import org.qatlas.interpreter.nodes.literals.InterpolationNode;
import org.qatlas.interpreter.nodes.literals.ListLiteralNode;
import org.qatlas.interpreter.nodes.literals.LongLiteralNode;
import org.qatlas.interpreter.nodes.literals.RecordLiteralNode;
import org.qatlas.interpreter.nodes.locals.AssignNode;
import org.qatlas.interpreter.nodes.locals.DestructureNode;
import org.qatlas.interpreter.nodes.locals.LetNode;
import org.qatlas.interpreter.nodes.locals.ReadGlobalNode;
import org.qatlas.interpreter.nodes.locals.ReadLocalNodeGen;
import org.qatlas.interpreter.nodes.locals.ReadOuterLocalNode;
import org.qatlas.interpreter.nodes.locals.WriteGlobalNode;
import org.qatlas.interpreter.nodes.locals.WriteLocalNodeGen;
import org.qatlas.interpreter.nodes.locals.WriteTargetNode;
import org.qatlas.interpreter.nodes.logic.EqualNodeGen;
import org.qatlas.interpreter.nodes.logic.InNodeGen;
import org.qatlas.interpreter.nodes.logic.NotNodeGen;
import org.qatlas.interpreter.nodes.logic.OrderNode.Order;
import org.qatlas.interpreter.nodes.logic.OrderNodeGen;
import org.qatlas.interpreter.nodes.logic.ShortCircuitNode;
import org.qatlas.interpreter.runtime.GlobalScope;
import org.qatlas.interpreter.runtime.QatNone;
import org.qatlas.interpreter.runtime.QatSyntaxError;
import org.qatlas.interpreter.runtime.RecordShape;
import org.qatlas.interpreter.runtime.Signature;
import org.qatlas.stdlib.text.NumberText;

/**
 * Builds the Truffle tree of a script from ANTLR's parse tree: resolves every name to a frame
 * slot, an enclosing function's slot or a top-level name, gives every node its source
 * section, and reports what the grammar alone cannot catch (a 'return' outside a function, a
 * repeated parameter) as syntax errors.
 */
public final class AstBuilder extends QatParserBaseVisitor<QatExpressionNode> {
    private final QatLanguage language;
    private final GlobalScope globals;
    private final CommonTokenStream tokens;
    private SourceMap sources;
    private FunctionScope scope = FunctionScope.topLevel();

    private AstBuilder(QatLanguage language, GlobalScope globals, SourceMap sources, CommonTokenStream tokens) {
        this.language = language;
        this.globals = globals;
        this.sources = sources;
        this.tokens = tokens;
    }

    /** Parses a whole script whose top-level names live in {@code globals}. */
    public static ProgramRootNode parseProgram(QatLanguage language, Source source, GlobalScope globals) {
        return parseProgram(language, source, globals, program -> { });
    }

    /** {@link #parseProgram}, with {@code check} shown the parse tree before any node is built; it may refuse it. */
    static ProgramRootNode parseProgram(QatLanguage language, Source source, GlobalScope globals,
            java.util.function.Consumer<QatParser.ProgramContext> check) {
        SourceMap sources = new SourceMap(source, 0);
        CommonTokenStream tokens = tokenize(source.getCharacters().toString(), sources);
        QatParser parser = parser(tokens, sources);
        QatParser.ProgramContext program;
        BlockNode body;
        AstBuilder builder = new AstBuilder(language, globals, sources, tokens);
        // Parsing and building recurse once per level of nesting; a few hundred levels of
        // brackets or of '-' and '^' overflow the Java stack, which must not escape as a crash.
        try {
            program = parser.program();
        } catch (StackOverflowError e) {
            throw nestedTooDeeply(sources, parser.getCurrentToken());
        }
        check.accept(program);
        try {
            body = builder.statements(program.statement(), true);
            body.at(source.createSection(0, source.getLength()));
            body.guardStackOverflow();
            ProgramRootNode root = new ProgramRootNode(language, builder.scope.buildFrame(), body, source);
            root.getCallTarget(); // adopts the tree's nodes, which recurses as deep as the tree
            return root;
        } catch (StackOverflowError e) {
            throw nestedTooDeeply(sources, program.getStart());
        }
    }

    private static QatSyntaxError nestedTooDeeply(SourceMap sources, Token at) {
        return new QatSyntaxError("nested too deeply (the interpreter ran out of stack); split the expression up",
                sources.section(at), false);
    }

    private static CommonTokenStream tokenize(String text, SourceMap sources) {
        QatLexer lexer = new QatLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        lexer.addErrorListener(new SyntaxErrorListener(sources));
        return new CommonTokenStream(lexer);
    }

    private static QatParser parser(CommonTokenStream tokens, SourceMap sources) {
        QatParser parser = new QatParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(new SyntaxErrorListener(sources));
        return parser;
    }

    private QatSyntaxError error(String message, ParserRuleContext at) {
        return new QatSyntaxError(message, sources.section(at), false);
    }

    private <T extends QatExpressionNode> T located(T node, ParserRuleContext at) {
        node.at(sources.section(at));
        return node;
    }

    // ---------------------------------------------------------------------------------
    // Statements

    private BlockNode statements(List<QatParser.StatementContext> statements, boolean lastIsValue) {
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

    private void checkDistinct(List<String> names, ParserRuleContext ctx) {
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
    private QatExpressionNode function(String name, List<String> parameters, List<QatParser.ExprContext> defaults,
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

    /** The '#' comment lines directly above a definition, without the '#'. */
    private String docComment(Token definition) {
        List<String> lines = new ArrayList<>();
        int index = definition.getTokenIndex() - 1;
        while (index >= 1 && tokens.get(index).getType() == QatParser.NEWLINE
                && tokens.get(index - 1).getType() == QatParser.COMMENT) {
            lines.add(0, tokens.get(index - 1).getText().substring(1).strip());
            index -= 2;
        }
        return String.join("\n", lines);
    }

    // ---------------------------------------------------------------------------------
    // Names and targets

    private WriteTargetNode target(QatParser.TargetContext ctx) {
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

    private WriteTargetNode nameTarget(String name, ParserRuleContext ctx) {
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

    private WriteTargetNode comprehensionTarget(QatParser.TargetContext ctx) {
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

    private QatExpressionNode readName(String name, ParserRuleContext ctx) {
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

    // ---------------------------------------------------------------------------------
    // Expressions

    @Override
    public QatExpressionNode visitLambda(QatParser.LambdaContext ctx) {
        List<String> names = ctx.lambdaParameters().IDENT().stream().map(n -> n.getText()).toList();
        checkDistinct(names, ctx);
        List<QatParser.ExprContext> defaults = new ArrayList<>();
        names.forEach(n -> defaults.add(null));
        return function("lambda", names, defaults, ctx.body, null, "", ctx);
    }

    @Override
    public QatExpressionNode visitPlainExpr(QatParser.PlainExprContext ctx) {
        return visit(ctx.orExpr());
    }

    @Override
    public QatExpressionNode visitOrExpr(QatParser.OrExprContext ctx) {
        // The operand lists are fetched once: ANTLR finds the i-th child of a kind by a scan,
        // which would make a long chain (a + b + c + ...) quadratic to build.
        List<QatParser.AndExprContext> operands = ctx.andExpr();
        QatExpressionNode result = visit(operands.get(0));
        for (int i = 1; i < operands.size(); i++) {
            result = located(new ShortCircuitNode(result, visit(operands.get(i)), false), ctx);
        }
        return result;
    }

    @Override
    public QatExpressionNode visitAndExpr(QatParser.AndExprContext ctx) {
        List<QatParser.NotExprContext> operands = ctx.notExpr();
        QatExpressionNode result = visit(operands.get(0));
        for (int i = 1; i < operands.size(); i++) {
            result = located(new ShortCircuitNode(result, visit(operands.get(i)), true), ctx);
        }
        return result;
    }

    @Override
    public QatExpressionNode visitNot(QatParser.NotContext ctx) {
        return located(NotNodeGen.create(visit(ctx.notExpr())), ctx);
    }

    @Override
    public QatExpressionNode visitNotOperand(QatParser.NotOperandContext ctx) {
        return visit(ctx.comparison());
    }

    /**
     * {@code a < b}, and chains {@code a < b < c}, which mean {@code a < b and b < c} with
     * {@code b} evaluated once: it is kept in a hidden slot between the two comparisons.
     */
    @Override
    public QatExpressionNode visitComparison(QatParser.ComparisonContext ctx) {
        List<QatParser.WithExprContext> operands = ctx.withExpr();
        List<QatParser.ComparisonOperatorContext> operators = ctx.comparisonOperator();
        if (operands.size() == 1) {
            return visit(operands.get(0));
        }
        QatExpressionNode result = null;
        QatExpressionNode left = visit(operands.get(0));
        for (int i = 1; i < operands.size(); i++) {
            QatExpressionNode right = visit(operands.get(i));
            QatExpressionNode nextLeft = null;
            if (i < operands.size() - 1) {
                int slot = scope.hiddenSlot("comparison");
                right = located(new LetNode(WriteLocalNodeGen.create(slot), right), operands.get(i));
                nextLeft = located(ReadLocalNodeGen.create(slot, "<comparison>"), operands.get(i));
            }
            QatExpressionNode comparison = compare(operators.get(i - 1), left, right);
            spanning(comparison, operands.get(i - 1), operands.get(i));
            result = result == null ? comparison : located(new ShortCircuitNode(result, comparison, true), ctx);
            left = nextLeft;
        }
        return result;
    }

    private QatExpressionNode compare(QatParser.ComparisonOperatorContext operator, QatExpressionNode left, QatExpressionNode right) {
        if (operator.NOT() != null) {
            return NotNodeGen.create(InNodeGen.create(left, right));
        }
        return switch (operator.getStart().getType()) {
            case QatParser.EQ -> EqualNodeGen.create(left, right);
            case QatParser.NE -> NotNodeGen.create(EqualNodeGen.create(left, right));
            case QatParser.LT -> OrderNodeGen.create(left, right).withOrder(Order.LESS);
            case QatParser.LE -> OrderNodeGen.create(left, right).withOrder(Order.LESS_EQUAL);
            case QatParser.GT -> OrderNodeGen.create(left, right).withOrder(Order.GREATER);
            case QatParser.GE -> OrderNodeGen.create(left, right).withOrder(Order.GREATER_EQUAL);
            default -> InNodeGen.create(left, right);
        };
    }

    @Override
    public QatExpressionNode visitWithExpr(QatParser.WithExprContext ctx) {
        List<QatParser.AdditiveContext> operands = ctx.additive();
        QatExpressionNode result = visit(operands.get(0));
        for (int i = 1; i < operands.size(); i++) {
            result = located(WithNodeGen.create(result, visit(operands.get(i))), ctx);
        }
        return result;
    }

    @Override
    public QatExpressionNode visitAdditive(QatParser.AdditiveContext ctx) {
        List<QatParser.MultiplicativeContext> operands = ctx.multiplicative();
        List<QatParser.AdditiveOperatorContext> operators = ctx.additiveOperator();
        QatExpressionNode result = visit(operands.get(0));
        for (int i = 1; i < operands.size(); i++) {
            QatExpressionNode right = visit(operands.get(i));
            result = operators.get(i - 1).PLUS() != null ? AddNodeGen.create(result, right) : SubtractNodeGen.create(result, right);
            spanning(result, operands.get(0), operands.get(i));
        }
        return result;
    }

    @Override
    public QatExpressionNode visitMultiplicative(QatParser.MultiplicativeContext ctx) {
        List<QatParser.UnaryContext> operands = ctx.unary();
        List<QatParser.MultiplicativeOperatorContext> operators = ctx.multiplicativeOperator();
        QatExpressionNode result = visit(operands.get(0));
        for (int i = 1; i < operands.size(); i++) {
            QatExpressionNode right = visit(operands.get(i));
            QatParser.MultiplicativeOperatorContext operator = operators.get(i - 1);
            if (operator.STAR() != null) {
                result = MultiplyNodeGen.create(result, right);
            } else if (operator.SLASH() != null) {
                result = DivideNodeGen.create(result, right);
            } else {
                result = ModuloNodeGen.create(result, right);
            }
            spanning(result, operands.get(0), operands.get(i));
        }
        return result;
    }

    /** Gives a binary node the source from its first operand to its last. */
    private void spanning(QatExpressionNode node, ParserRuleContext first, ParserRuleContext last) {
        node.at(sources.section(first.getStart().getStartIndex(), last.getStop().getStopIndex()));
    }

    @Override
    public QatExpressionNode visitSigned(QatParser.SignedContext ctx) {
        QatExpressionNode operand = visit(ctx.unary());
        if (ctx.op.getType() == QatParser.MINUS) {
            return located(NegateNodeGen.create(operand), ctx);
        }
        return located(PlusNodeGen.create(operand), ctx);
    }

    @Override
    public QatExpressionNode visitUnaryOperand(QatParser.UnaryOperandContext ctx) {
        return visit(ctx.power());
    }

    @Override
    public QatExpressionNode visitPower(QatParser.PowerContext ctx) {
        QatExpressionNode base = visit(ctx.postfix());
        if (ctx.exponent == null) {
            return base;
        }
        return located(PowerNodeGen.create(base, visit(ctx.exponent)), ctx);
    }

    @Override
    public QatExpressionNode visitPostfix(QatParser.PostfixContext ctx) {
        QatExpressionNode result = visit(ctx.primary());
        int start = ctx.getStart().getStartIndex();
        for (QatParser.PostfixOperationContext operation : ctx.postfixOperation()) {
            if (operation instanceof QatParser.FieldAccessContext field) {
                result = FieldNodeGen.create(field.name.getText(), result);
            } else if (operation instanceof QatParser.IndexAccessContext index) {
                result = IndexNodeGen.create(result, visit(index.index));
            } else if (operation instanceof QatParser.SliceAccessContext slice) {
                result = new SliceNode(result, slice.from == null ? new ConstantNode(QatNone.INSTANCE) : visit(slice.from),
                        slice.to == null ? new ConstantNode(QatNone.INSTANCE) : visit(slice.to));
            } else {
                result = call(result, (QatParser.CallContext) operation);
            }
            result.at(sources.section(start, operation.getStop().getStopIndex()));
        }
        return result;
    }

    private QatExpressionNode call(QatExpressionNode callee, QatParser.CallContext ctx) {
        List<QatParser.ArgumentContext> arguments = ctx.arguments() == null ? List.of() : ctx.arguments().argument();
        QatExpressionNode[] values = new QatExpressionNode[arguments.size()];
        String[] names = new String[arguments.size()];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.length; i++) {
            QatParser.ArgumentContext argument = arguments.get(i);
            if (argument.name != null) {
                names[i] = argument.name.getText();
                if (!seen.add(names[i])) {
                    throw error("argument '" + names[i] + "' is given twice", argument);
                }
            } else if (i > 0 && names[i - 1] != null) {
                throw error("a positional argument cannot follow a named one", argument);
            }
            values[i] = visit(argument.value);
        }
        return new CallNode(callee, values, names);
    }

    @Override
    public QatExpressionNode visitParenthesized(QatParser.ParenthesizedContext ctx) {
        return visit(ctx.expr());
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

    private List<StringLiteral.Part> splitString(Token token) {
        try {
            return StringLiteral.split(token.getText());
        } catch (StringLiteral.BadEscape e) {
            int at = token.getStartIndex() + e.codePointOffset;
            throw new QatSyntaxError(e.getMessage(), sources.section(at, at + 1), false);
        }
    }

    /** The text of a string literal that may not interpolate (an import path, a record key). */
    private String literalText(Token token) {
        List<StringLiteral.Part> parts = splitString(token);
        if (parts.size() != 1 || parts.get(0).isExpression()) {
            throw new QatSyntaxError("this string cannot contain ${...}", sources.section(token), false);
        }
        return parts.get(0).text();
    }

    /** Parses the expression inside "${...}" in the current scope, with positions in the file. */
    private QatExpressionNode interpolation(StringLiteral.Part part, Token token) {
        SourceMap outerSources = sources;
        sources = outerSources.shifted(token.getStartIndex() + part.codePointOffset());
        try {
            if (part.text().isBlank()) {
                throw new QatSyntaxError("empty ${} in a string", sources.section(0, 0), false);
            }
            CommonTokenStream innerTokens = tokenize(part.text(), sources);
            QatParser.ExpressionOnlyContext expression = parser(innerTokens, sources).expressionOnly();
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
