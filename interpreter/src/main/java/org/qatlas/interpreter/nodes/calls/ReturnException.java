package org.qatlas.interpreter.nodes.calls;

import com.oracle.truffle.api.nodes.ControlFlowException;

/** Carries the value of {@code return} out of nested blocks and loops to the function body. */
public final class ReturnException extends ControlFlowException {
    private static final long serialVersionUID = 1L;
    private final transient Object value;

    public ReturnException(Object value) {
        this.value = value;
    }

    public Object value() {
        return value;
    }
}
