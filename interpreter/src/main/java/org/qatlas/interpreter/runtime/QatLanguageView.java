package org.qatlas.interpreter.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import org.qatlas.interpreter.QatLanguage;

/**
 * How Qatlas shows a primitive value (a number, a string, a boolean) that the polyglot API
 * hands to the outside, for example the result that {@code qat -e} and the REPL print. Without
 * it Truffle would use Java's text, and {@code 1/0} would read "Infinity" and {@code 2^70}
 * "1.1805916207174113E21" instead of "inf" and "1.1805916207174113e21" as {@code print} writes them.
 * Every other message is answered by the value itself.
 */
@ExportLibrary(value = InteropLibrary.class, delegateTo = "delegate")
public final class QatLanguageView implements TruffleObject {
    final Object delegate;

    public QatLanguageView(Object delegate) {
        this.delegate = delegate;
    }

    @ExportMessage
    boolean hasLanguage() {
        return true;
    }

    @ExportMessage
    Class<? extends TruffleLanguage<?>> getLanguage() {
        return QatLanguage.class;
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return Display.text(delegate);
    }
}
