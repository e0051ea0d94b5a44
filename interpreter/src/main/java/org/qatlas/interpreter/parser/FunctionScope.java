package org.qatlas.interpreter.parser;

import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.FrameSlotKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names of one function (or of the top level of a file) while its tree is built: which
 * are local variables and in which frame slot they live. The rules are Python's: a name
 * assigned anywhere in a function body is local to the whole function; other names are read
 * from enclosing functions, then from the top level. At the top level of a file, assigned
 * names are top-level (global) names instead of slots, so that a REPL keeps them between
 * inputs. Comprehension variables are local to their comprehension, at any level.
 */
final class FunctionScope {
    /** Where a name was found: a slot of a frame {@code depth} functions out. */
    record Local(int depth, int slot) {
    }

    private final FunctionScope outer;
    private final boolean topLevel;
    private final FrameDescriptor.Builder frame = FrameDescriptor.newBuilder();
    private final Map<String, Integer> locals = new HashMap<>();
    /** Comprehension variables, innermost comprehension first. */
    private final Deque<Map<String, Integer>> comprehensions = new ArrayDeque<>();
    private boolean capturesOuterFrame;

    private FunctionScope(FunctionScope outer, boolean topLevel) {
        this.outer = outer;
        this.topLevel = topLevel;
    }

    static FunctionScope topLevel() {
        return new FunctionScope(null, true);
    }

    /** A function nested here, whose locals are its parameters and the names it assigns. */
    FunctionScope function(List<String> parameters, Set<String> assigned) {
        FunctionScope inner = new FunctionScope(this, false);
        for (String name : parameters) {
            inner.declare(name);
        }
        for (String name : assigned) {
            inner.declare(name);
        }
        return inner;
    }

    boolean isTopLevel() {
        return topLevel;
    }

    FunctionScope outer() {
        return outer;
    }

    int declare(String name) {
        return locals.computeIfAbsent(name, n -> frame.addSlot(FrameSlotKind.Illegal, n, null));
    }

    /** A slot for the interpreter's own bookkeeping (loop positions, comprehension results). */
    int hiddenSlot(String purpose) {
        return frame.addSlot(FrameSlotKind.Illegal, "<" + purpose + ">", null);
    }

    void enterComprehension() {
        comprehensions.push(new HashMap<>());
    }

    int declareComprehensionVariable(String name) {
        return comprehensions.peek().computeIfAbsent(name, n -> frame.addSlot(FrameSlotKind.Illegal, n, null));
    }

    void exitComprehension() {
        comprehensions.pop();
    }

    /** The local slot of {@code name} in this function only, or null. */
    Integer ownSlot(String name) {
        for (Map<String, Integer> comprehension : comprehensions) {
            Integer slot = comprehension.get(name);
            if (slot != null) {
                return slot;
            }
        }
        return locals.get(name);
    }

    /**
     * Finds {@code name} in this function or the ones around it; null means it is a top-level
     * name. Reading a variable of an enclosing function makes every function in between
     * capture its frame.
     */
    Local resolve(String name) {
        int depth = 0;
        for (FunctionScope scope = this; scope != null; scope = scope.outer, depth++) {
            Integer slot = scope.ownSlot(name);
            if (slot != null) {
                FunctionScope capturing = this;
                for (int i = 0; i < depth; i++, capturing = capturing.outer) {
                    capturing.capturesOuterFrame = true;
                }
                return new Local(depth, slot);
            }
        }
        return null;
    }

    /** Local names visible here, to suggest when a name is misspelled. */
    List<String> visibleNames() {
        List<String> names = new ArrayList<>();
        for (FunctionScope scope = this; scope != null; scope = scope.outer) {
            scope.comprehensions.forEach(c -> names.addAll(c.keySet()));
            names.addAll(scope.locals.keySet());
        }
        return names;
    }

    boolean capturesOuterFrame() {
        return capturesOuterFrame;
    }

    FrameDescriptor buildFrame() {
        return frame.build();
    }
}
