package org.qatlas.interpreter.runtime;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.Truffle;

/**
 * The storage of one top-level name. Most top-level names, functions above all, are bound
 * once; while that holds, compiled code treats the value as a constant (guarded by the
 * {@link #singleValue} assumption) and a call through the name becomes a direct call.
 */
public final class GlobalCell {
    private final String name;
    private Object value;
    /** Whether the script bound this name (rather than it being a built-in). */
    private boolean boundByScript;
    private final Assumption singleValue;

    GlobalCell(String name) {
        this.name = name;
        this.singleValue = Truffle.getRuntime().createAssumption("single value of " + name);
    }

    public String name() {
        return name;
    }

    /** The value, or null while the name is unbound. */
    public Object value() {
        return value;
    }

    /** Valid while the cell has been written at most once. */
    public Assumption singleValue() {
        return singleValue;
    }

    public boolean boundByScript() {
        return boundByScript;
    }

    /** Binds a built-in, which scripts may rebind without losing compiled code. */
    void setBuiltin(Object builtin) {
        value = builtin;
    }

    public void set(Object newValue) {
        boundByScript = true;
        if (value != null && singleValue.isValid()) {
            singleValue.invalidate();
        }
        value = newValue;
    }
}
