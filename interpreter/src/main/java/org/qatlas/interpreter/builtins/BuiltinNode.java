package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.dsl.NodeChild;
import org.qatlas.interpreter.nodes.QatExpressionNode;

/**
 * The body of a built-in function. Its children read the arguments, one per parameter of
 * the built-in's signature (a rest parameter arrives as one list), so a built-in is written
 * as ordinary specializations over its parameters.
 */
@NodeChild(value = "arguments", type = QatExpressionNode[].class)
public abstract class BuiltinNode extends QatExpressionNode {
}
