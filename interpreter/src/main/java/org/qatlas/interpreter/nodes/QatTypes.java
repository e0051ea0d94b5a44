package org.qatlas.interpreter.nodes;

import com.oracle.truffle.api.dsl.ImplicitCast;
import com.oracle.truffle.api.dsl.TypeSystem;

/**
 * The primitive types nodes specialize on. Numbers are doubles in meaning; whole numbers are
 * kept as longs while they stay whole and in range, and a long converts to a double wherever
 * a double is expected.
 */
@TypeSystem({long.class, double.class, boolean.class})
public abstract class QatTypes {
    @ImplicitCast
    public static double castLongToDouble(long value) {
        return value;
    }
}
