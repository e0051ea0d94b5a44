package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.GenerateNodeFactory;
import com.oracle.truffle.api.dsl.Specialization;
import java.io.PrintStream;
import org.qatlas.interpreter.QatContext;
import org.qatlas.interpreter.runtime.Display;
import org.qatlas.interpreter.runtime.QatList;
import org.qatlas.interpreter.runtime.QatNone;

/** {@code print(a, b, sep: ", ")}: writes the values as text on one line of the output. */
@GenerateNodeFactory
public abstract class PrintBuiltin extends BuiltinNode {
    @Specialization
    protected Object print(QatList values, Object separator) {
        write(QatContext.get(this).output(), values, Display.text(separator));
        return QatNone.INSTANCE;
    }

    @TruffleBoundary
    private static void write(PrintStream out, QatList values, String separator) {
        StringBuilder line = new StringBuilder();
        for (long i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(separator);
            }
            line.append(Display.text(values.get(i)));
        }
        out.println(line);
        out.flush();
    }
}
