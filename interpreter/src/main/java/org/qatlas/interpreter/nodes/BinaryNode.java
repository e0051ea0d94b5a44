package org.qatlas.interpreter.nodes;

import com.oracle.truffle.api.dsl.NodeChild;

/** An operator with two operands, evaluated left first. */
@NodeChild("left")
@NodeChild("right")
public abstract class BinaryNode extends QatExpressionNode {
}
