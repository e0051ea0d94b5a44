package org.qatlas.interpreter.builtins;

import java.io.UncheckedIOException;
import org.qatlas.stdlib.io.FileAccessRefused;
import org.qatlas.stdlib.plot.ChartException;
import org.qatlas.stdlib.table.TableFileException;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.runtime.JavaValues;
import org.qatlas.interpreter.runtime.QatException;

/**
 * The body of a built-in implemented by the standard library: its arguments are converted to
 * plain Java values and named by their parameters ({@link Call}), the library function runs, and its result is converted back. The
 * library's exceptions for requests it cannot meet become errors at the call in the script.
 */
final class LibraryFunctionNode extends QatExpressionNode {
    @Children private final QatExpressionNode[] arguments;
    private final String name;
    private final List<String> parameters;
    private final Function<Call, Object> function;

    LibraryFunctionNode(String name, List<String> parameters, Function<Call, Object> function, QatExpressionNode[] arguments) {
        this.name = name;
        this.parameters = parameters;
        this.function = function;
        this.arguments = arguments;
    }

    @Override
    @ExplodeLoop
    public Object executeGeneric(VirtualFrame frame) {
        Object[] values = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            values[i] = arguments[i].executeGeneric(frame);
        }
        return call(values);
    }

    @TruffleBoundary
    private Object call(Object[] values) {
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            named.put(parameters.get(i), JavaValues.toJava(values[i]));
        }
        try {
            return JavaValues.toQat(function.apply(new Call(name, named)));
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException | TableFileException
                | ChartException e) {
            // The library's way of saying the request cannot be met (a bad argument, no root in
            // the bracket, a missing or malformed file): an error at the call in the script.
            throw new QatException(e.getMessage(), this);
        } catch (FileAccessRefused e) {
            throw new QatException(name + ": " + e.getMessage(), this);
        }
    }
}
