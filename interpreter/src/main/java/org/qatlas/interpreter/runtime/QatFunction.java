package org.qatlas.interpreter.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.frame.MaterializedFrame;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import org.qatlas.interpreter.laws.LawDefinition;
import org.qatlas.interpreter.laws.LawText;

/**
 * A function value: a named or anonymous function written in Qatlas, or a built-in. Its code
 * is a call target; a function made inside another one also carries the frame it closes over.
 *
 * <p>Arguments reach the call target as {@code [closure, arg0, arg1, ...]}, one slot per
 * parameter of the signature, already matched by name and position by the caller.
 */
@ExportLibrary(InteropLibrary.class)
public final class QatFunction implements TruffleObject {
    private final String name;
    private final Signature signature;
    private final RootCallTarget callTarget;
    private final MaterializedFrame closure;
    private final String doc;
    private final LawDefinition law;

    public QatFunction(String name, Signature signature, RootCallTarget callTarget, MaterializedFrame closure, String doc) {
        this(name, signature, callTarget, closure, doc, null);
    }

    /** A law: a function whose first parameters are its variables and the rest its free parameters. */
    public QatFunction(String name, Signature signature, RootCallTarget callTarget, MaterializedFrame closure, String doc,
            LawDefinition law) {
        this.name = name;
        this.signature = signature;
        this.callTarget = callTarget;
        this.closure = closure;
        this.doc = doc;
        this.law = law;
    }

    /** What makes this function a law, or null for an ordinary function. */
    public LawDefinition law() {
        return law;
    }

    public String name() {
        return name;
    }

    public Signature signature() {
        return signature;
    }

    public RootCallTarget callTarget() {
        return callTarget;
    }

    public MaterializedFrame closure() {
        return closure;
    }

    /** One line on what the function does, for help; empty when there is none. */
    public String doc() {
        return doc;
    }

    @ExportMessage
    boolean isExecutable() {
        return true;
    }

    /** Called from other languages and embedders: positional arguments only. */
    @ExportMessage
    @TruffleBoundary
    Object execute(Object[] arguments) throws ArityException {
        int required = 0;
        for (int i = 0; i < signature.size(); i++) {
            if (!signature.hasDefault(i) && i != signature.restIndex() && i != signature.fieldsIndex()) {
                required++;
            }
        }
        if (arguments.length < required || (signature.restIndex() < 0 && arguments.length > signature.size())) {
            throw ArityException.create(required, signature.restIndex() < 0 ? signature.size() : -1, arguments.length);
        }
        Object[] qatArguments = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            qatArguments[i] = ForeignValues.toQat(arguments[i]);
        }
        return callTarget.call(ArgumentLayout.positional(signature, closure, qatArguments));
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return toString();
    }

    @Override
    public String toString() {
        if (law != null) {
            return LawText.signature(law);
        }
        return "<fn " + name + signature + ">";
    }
}
