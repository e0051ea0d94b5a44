package org.qatlas.interpreter.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qatlas.interpreter.QatLanguage;

/**
 * The top-level names of one script or module: what {@code x = 1} and {@code fn f()} bind
 * outside functions. The REPL and embedders keep one scope across evaluations, so names stay
 * bound from one input to the next. Each scope starts with the built-ins, which a script may
 * shadow. Embedders see it through {@code context.getBindings("qat")}.
 */
@ExportLibrary(InteropLibrary.class)
public final class GlobalScope implements TruffleObject {
    private final String name;
    private final Map<String, GlobalCell> cells = new LinkedHashMap<>();

    public GlobalScope(String name, Map<String, ?> builtins) {
        this.name = name;
        builtins.forEach(this::defineBuiltin);
    }

    public String name() {
        return name;
    }

    /** The cell for {@code name}, created unbound if the name was never seen. */
    @TruffleBoundary
    public GlobalCell cell(String name) {
        return cells.computeIfAbsent(name, GlobalCell::new);
    }

    /** Binds a built-in: a name the script may shadow, and which imports do not copy. */
    @TruffleBoundary
    public void defineBuiltin(String name, Object value) {
        cell(name).setBuiltin(value);
    }

    @TruffleBoundary
    public void define(String name, Object value) {
        cell(name).set(value);
    }

    /** The value bound to {@code name}, or null. */
    @TruffleBoundary
    public Object lookup(String name) {
        GlobalCell cell = cells.get(name);
        return cell == null ? null : cell.value();
    }

    /** The names bound now, in the order they were first bound. */
    @TruffleBoundary
    public List<String> boundNames() {
        List<String> names = new ArrayList<>();
        cells.forEach((key, cell) -> {
            if (cell.value() != null) {
                names.add(key);
            }
        });
        return names;
    }

    /** The names this script or module bound itself, without the built-ins. */
    @TruffleBoundary
    public List<String> userNames() {
        List<String> names = new ArrayList<>();
        cells.forEach((key, cell) -> {
            if (cell.boundByScript()) {
                names.add(key);
            }
        });
        return names;
    }

    @ExportMessage
    boolean isScope() {
        return true;
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
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return QatList.of(boundNames());
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        return lookup(member) != null;
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        Object value = lookup(member);
        if (value == null) {
            throw UnknownIdentifierException.create(member);
        }
        return value;
    }

    @ExportMessage
    boolean isMemberModifiable(String member) {
        return isMemberReadable(member);
    }

    @ExportMessage
    boolean isMemberInsertable(String member) {
        return !isMemberReadable(member);
    }

    @ExportMessage
    @TruffleBoundary
    void writeMember(String member, Object value) {
        define(member, ForeignValues.toQat(value));
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return name;
    }
}
