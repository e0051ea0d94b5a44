package org.qatlas.interpreter.parser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.CommonTokenStream;
import org.qatlas.grammar.QatParser;
import org.qatlas.interpreter.QatLanguage;
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
import org.qatlas.interpreter.nodes.calls.CallNode;
import org.qatlas.interpreter.nodes.literals.ConstantNode;
import org.qatlas.interpreter.nodes.locals.LetNode;
import org.qatlas.interpreter.nodes.locals.ReadLocalNodeGen;
import org.qatlas.interpreter.nodes.locals.WriteLocalNodeGen;
import org.qatlas.interpreter.nodes.logic.EqualNodeGen;
import org.qatlas.interpreter.nodes.logic.InNodeGen;
import org.qatlas.interpreter.nodes.logic.NotNodeGen;
import org.qatlas.interpreter.nodes.logic.OrderNode.Order;
import org.qatlas.interpreter.nodes.logic.OrderNodeGen;
import org.qatlas.interpreter.nodes.logic.ShortCircuitNode;
import org.qatlas.interpreter.runtime.GlobalScope;
import org.qatlas.interpreter.runtime.QatNone;

/** Builds expressions: lambdas, the operators by precedence, field access, indexing, slices and calls. */
abstract class ExpressionBuilder extends LiteralBuilder {
    ExpressionBuilder(QatLanguage language, GlobalScope globals, SourceMap sources, CommonTokenStream tokens) {
        super(language, globals, sources, tokens);
    }

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

    QatExpressionNode compare(QatParser.ComparisonOperatorContext operator, QatExpressionNode left, QatExpressionNode right) {
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

    QatExpressionNode call(QatExpressionNode callee, QatParser.CallContext ctx) {
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
}
