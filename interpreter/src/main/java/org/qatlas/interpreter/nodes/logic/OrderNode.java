package org.qatlas.interpreter.nodes.logic;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.qatlas.interpreter.laws.Duals;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import org.qatlas.interpreter.nodes.BinaryNode;
import org.qatlas.interpreter.runtime.QatException;

/** {@code <, <=, >, >=} on numbers, and on strings in dictionary order. */
public abstract class OrderNode extends BinaryNode {
    /** Which comparison; each maps the sign of left - right to a truth value. */
    public enum Order {
        LESS("<"), LESS_EQUAL("<="), GREATER(">"), GREATER_EQUAL(">=");

        final String symbol;

        Order(String symbol) {
            this.symbol = symbol;
        }

        boolean holds(int sign) {
            return switch (this) {
                case LESS -> sign < 0;
                case LESS_EQUAL -> sign <= 0;
                case GREATER -> sign > 0;
                case GREATER_EQUAL -> sign >= 0;
            };
        }
    }

    @CompilationFinal private Order order;

    /** Chooses the comparison; called once by the tree builder. */
    public final OrderNode withOrder(Order chosen) {
        this.order = chosen;
        return this;
    }

    @Specialization
    protected boolean compareLongs(long left, long right) {
        return order.holds(Long.compare(left, right));
    }

    @Specialization
    protected boolean compareDoubles(double left, double right) {
        // Any comparison with nan is false, as IEEE 754 says.
        return switch (order) {
            case LESS -> left < right;
            case LESS_EQUAL -> left <= right;
            case GREATER -> left > right;
            case GREATER_EQUAL -> left >= right;
        };
    }

    /** A law's body may branch on a parameter while it is being fitted: compare values. */
    @Specialization(guards = "isDual(left) || isDual(right)")
    protected boolean compareDuals(Object left, Object right) {
        return compareDoubles(Duals.valueOf(left), Duals.valueOf(right));
    }

    protected static boolean isDual(Object value) {
        return value instanceof DerivativeStructure;
    }

    @Specialization
    protected boolean compareStrings(String left, String right) {
        return order.holds(compare(left, right));
    }

    @com.oracle.truffle.api.CompilerDirectives.TruffleBoundary
    private static int compare(String left, String right) {
        return left.compareTo(right);
    }

    @Fallback
    protected Object mismatch(Object left, Object right) {
        throw QatException.typeError(this, "cannot compare %s " + order.symbol + " %s", left, right);
    }
}
