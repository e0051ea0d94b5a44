package org.qatlas.interpreter.nodes.calls;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.CachedLibrary;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import com.oracle.truffle.api.nodes.Node;
import org.qatlas.interpreter.runtime.ArgumentLayout;
import org.qatlas.interpreter.runtime.ForeignValues;
import org.qatlas.interpreter.runtime.QatException;
import org.qatlas.interpreter.runtime.LawCalls;
import org.qatlas.interpreter.runtime.QatFunction;
import org.qatlas.interpreter.runtime.QatRecord;
import org.qatlas.interpreter.runtime.Signature;
import org.qatlas.interpreter.runtime.Values;

/**
 * Calls a function value with the values of one call site. A call site that keeps calling
 * the same function (the usual case) gets a direct call, which the compiler can inline, and
 * works out the argument layout once. Functions from embedders are called through interop,
 * with positional arguments.
 */
public abstract class DispatchNode extends Node {
    protected static final int INLINE_CACHE_SIZE = 3;

    protected final String[] argumentNames;

    protected DispatchNode(String[] argumentNames) {
        this.argumentNames = argumentNames;
    }

    public abstract Object execute(Object function, Object[] values);

    /** {@code law(row)}: a law called with one record takes its variables from the record's fields. */
    @Specialization(guards = {"function.law() != null", "values.length == 1", "isRecord(values)"})
    protected Object callLawWithRecord(QatFunction function, Object[] values) {
        return LawCalls.callWithRecord(function, (QatRecord) values[0], this);
    }

    protected static boolean isRecord(Object[] values) {
        return values[0] instanceof QatRecord;
    }

    // The layout holds the signature's constant defaults, and a fitted law shares its code with
    // the declared one but not its defaults: the cache is keyed by the signature as well.
    @Specialization(guards = {"function.callTarget() == cachedTarget", "function.signature() == cachedSignature"},
            limit = "INLINE_CACHE_SIZE")
    protected Object callDirect(QatFunction function, Object[] values,
            @Cached("function.callTarget()") RootCallTarget cachedTarget,
            @Cached("function.signature()") Signature cachedSignature,
            @Cached("layout(function)") ArgumentLayout layout,
            @Cached("create(cachedTarget)") DirectCallNode call) {
        try {
            return call.call(layout.arrange(function.closure(), values));
        } catch (StackOverflowError e) {
            throw tooDeep();
        }
    }

    @Specialization(replaces = "callDirect")
    protected Object callIndirect(QatFunction function, Object[] values, @Cached IndirectCallNode call) {
        try {
            return call.call(function.callTarget(), layout(function).arrange(function.closure(), values));
        } catch (StackOverflowError e) {
            throw tooDeep();
        }
    }

    @Specialization(guards = {"!isQatFunction(function)", "interop.isExecutable(function)"}, limit = "INLINE_CACHE_SIZE")
    protected Object callForeign(Object function, Object[] values, @CachedLibrary("function") InteropLibrary interop) {
        if (hasNamedArguments()) {
            throw new QatException("functions from the host program take positional arguments only", this);
        }
        try {
            return ForeignValues.toQat(interop.execute(function, values));
        } catch (ArityException e) {
            throw new QatException("the host function expects " + e.getExpectedMinArity() + " arguments, got "
                    + values.length, this);
        } catch (UnsupportedTypeException | UnsupportedMessageException e) {
            throw new QatException("the host function rejected its arguments: " + e.getMessage(), this);
        }
    }

    @Fallback
    protected Object notAFunction(Object function, @SuppressWarnings("unused") Object[] values) {
        throw QatException.typeError(this, "%s is not a function", function);
    }

    @TruffleBoundary
    protected ArgumentLayout layout(QatFunction function) {
        return ArgumentLayout.create(function.name(), function.signature(), argumentNames, this);
    }

    protected static boolean isQatFunction(Object value) {
        return value instanceof QatFunction;
    }

    private boolean hasNamedArguments() {
        return argumentNames.length > 0 && argumentNames[argumentNames.length - 1] != null;
    }

    @TruffleBoundary
    private QatException tooDeep() {
        return new QatException("recursion too deep (the call stack overflowed)", this);
    }

    @Override
    public com.oracle.truffle.api.source.SourceSection getSourceSection() {
        return getParent() == null ? null : getParent().getSourceSection();
    }

}
