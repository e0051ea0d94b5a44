package org.qatlas.interpreter.nodes;

import com.oracle.truffle.api.dsl.NodeChild;

/** An operator with one operand. */
@NodeChild("operand")
public abstract class UnaryNode extends QatExpressionNode {
}
