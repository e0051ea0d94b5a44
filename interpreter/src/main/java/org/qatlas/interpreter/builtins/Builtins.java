package org.qatlas.interpreter.builtins;

import com.oracle.truffle.api.dsl.NodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.qatlas.interpreter.QatLanguage;
import org.qatlas.interpreter.nodes.QatExpressionNode;
import org.qatlas.interpreter.nodes.locals.ReadArgumentNode;
import org.qatlas.interpreter.runtime.JavaValues;
import org.qatlas.interpreter.runtime.QatFunction;
import org.qatlas.interpreter.runtime.Signature;
import org.qatlas.stdlib.io.FileAccess;
import org.qatlas.stdlib.value.FieldTable;

/**
 * The built-in functions every script starts with. Each is registered by one call of
 * {@code add(signature, doc, body)}: its signature as users read it in help (written out, or
 * the parameters of a value's field table), a line of documentation, and its body: a Truffle
 * node for the language's own functions, or a standard-library function of the named
 * arguments. The subjects (models, quantization, training, laws, tables, plots) each install
 * theirs from a class of their own.
 */
public final class Builtins {
    private final QatLanguage language;
    private final Map<String, Object> functions = new LinkedHashMap<>();

    private Builtins(QatLanguage language) {
        this.language = language;
    }

    /** A fresh set of built-in function values for one context, which reads and writes {@code files}. */
    public static Map<String, Object> create(QatLanguage language, FileAccess files) {
        Builtins builtins = new Builtins(language);
        builtins.mathematics();
        builtins.collections();
        builtins.general();
        ModelBuiltins.install(builtins, files);
        LawBuiltins.install(builtins);
        TableBuiltins.install(builtins);
        PlotBuiltins.install(builtins);
        ReportBuiltins.install(builtins);
        QuantBuiltins.install(builtins);
        TrainingBuiltins.install(builtins);
        StudyBuiltins.install(builtins);
        return builtins.functions;
    }

    private void mathematics() {
        add("log(x)", "The natural logarithm of x.", MathBuiltinFactory.getInstance(), MathBuiltin.Function.LOG);
        add("log2(x)", "The base-2 logarithm of x (log2(G) in the QAT laws).", MathBuiltinFactory.getInstance(), MathBuiltin.Function.LOG2);
        add("log10(x)", "The base-10 logarithm of x.", MathBuiltinFactory.getInstance(), MathBuiltin.Function.LOG10);
        add("exp(x)", "e raised to the power x.", MathBuiltinFactory.getInstance(), MathBuiltin.Function.EXP);
        add("sqrt(x)", "The square root of x.", MathBuiltinFactory.getInstance(), MathBuiltin.Function.SQRT);
        add("floor(x)", "The largest whole number not above x.", MathBuiltinFactory.getInstance(), MathBuiltin.Function.FLOOR);
        add("ceil(x)", "The smallest whole number not below x.", MathBuiltinFactory.getInstance(), MathBuiltin.Function.CEIL);
        add("abs(x)", "The absolute value of x.", AbsBuiltinFactory.getInstance());
        add("round(x, digits = 0)", "x rounded to digits decimals, half to even.", RoundBuiltinFactory.getInstance());
        add("min(*values)", "The smallest of several values, or of one list.", MinMaxBuiltinFactory.getInstance(), false);
        add("max(*values)", "The largest of several values, or of one list.", MinMaxBuiltinFactory.getInstance(), true);
        add("sum(values)", "The sum of a list of numbers.", SumBuiltinFactory.getInstance(), false);
        add("mean(values)", "The arithmetic mean of a list of numbers.", SumBuiltinFactory.getInstance(), true);
    }

    private void collections() {
        add("len(value)", "The number of elements, characters or fields.", LenBuiltinFactory.getInstance());
        add("range(start, stop = none, step = 1)", "Whole numbers from start (or 0) up to, not including, stop.",
                RangeBuiltinFactory.getInstance());
        add("linspace(start, stop, n)", "n evenly spaced numbers from start to stop, both included (n = 1 gives [start]); "
                + "n is at most 10M.", GridBuiltinFactory.getInstance(), false);
        add("logspace(start, stop, n)", "n numbers from start to stop, both included, evenly spaced on a log scale: the "
                + "usual grid for sweeps over model size N or tokens D. Start and stop must be positive; n is at most 10M.",
                GridBuiltinFactory.getInstance(), true);
        add("sort(values, key = none, reverse = false)", "A sorted copy of a list, optionally by key(element).",
                SortBuiltinFactory.getInstance());
        add("reversed(values)", "A copy of a list in reverse order.", ListBuiltinFactory.getInstance(), ListBuiltin.Operation.REVERSED);
        add("enumerate(values)", "Pairs [index, element] of a list.", ListBuiltinFactory.getInstance(), ListBuiltin.Operation.ENUMERATE);
        add("zip(*lists, **axes)", "Lists of the i-th elements of several lists, as long as the shortest; with named "
                + "axes, a study's run configurations that pair them: zip(model: sizes, tokens: [250K, 1M]).",
                ZipBuiltinFactory.getInstance());
        add("keys(record)", "The field names of a record, in order.", RecordBuiltinFactory.getInstance(), true);
        add("values(record)", "The field values of a record, in order.", RecordBuiltinFactory.getInstance(), false);
    }

    private void general() {
        add("print(*values, sep = \" \")", "Writes the values as text on one line.", PrintBuiltinFactory.getInstance());
        add("str(value)", "The value as text, as print shows it.", ConversionBuiltinFactory.getInstance(), ConversionBuiltin.Conversion.STR);
        add("number(value)", "A number read from text such as \"2M\" or \"1.5e-3\".", ConversionBuiltinFactory.getInstance(),
                ConversionBuiltin.Conversion.NUMBER);
        add("si(value)", "A count as text with an SI suffix, as the papers write it: 74M, 1.5B.",
                ConversionBuiltinFactory.getInstance(), ConversionBuiltin.Conversion.SI);
        add("type(value)", "The name of the value's type: number, string, list, record, ...", ConversionBuiltinFactory.getInstance(),
                ConversionBuiltin.Conversion.TYPE);
        add("assert(condition, message = \"assertion failed\")", "Stops the script with message when condition is false.",
                CheckBuiltinFactory.getInstance());
        add("error(message)", "Stops the script with message.", ErrorBuiltinFactory.getInstance());
        add("exit(status = 0)", "Ends the script; the process exits with status.", ExitBuiltinFactory.getInstance());
        add("help(value)", "The signature and documentation of a function.", HelpBuiltinFactory.getInstance());
    }

    /**
     * Registers a built-in implemented by a Truffle node, for the language's own functions whose
     * work depends on the script's value types (numbers, lists, records): their specializations.
     *
     * @param signatureText the call as documented, for example {@code round(x, digits = 0)}
     * @param constructorArguments values passed to the node's constructor before its arguments
     */
    public void add(String signatureText, String doc, NodeFactory<? extends BuiltinNode> factory, Object... constructorArguments) {
        BuiltinSignature parsed = BuiltinSignature.parse(signatureText);
        List<Object> arguments = new ArrayList<>(List.of(constructorArguments));
        arguments.add(argumentReaders(parsed));
        register(parsed, doc, factory.createNode(arguments.toArray()));
    }

    /**
     * Registers a built-in implemented by the standard library: {@code function} receives the
     * call's arguments by name as plain Java values ({@link Call}), and its result is converted
     * back.
     */
    public void add(String signatureText, String doc, Function<Call, Object> function) {
        add(BuiltinSignature.parse(signatureText), doc, function);
    }

    /**
     * Registers the built-in that makes a value from its field table: the table gives the
     * parameters and their defaults (as help shows them), reads and checks the arguments, and
     * makes the value.
     */
    public void add(FieldTable<?> table, String doc) {
        List<FieldTable.Field<?, ?>> fields = List.copyOf(table.fields());
        String[] names = new String[fields.size()];
        Object[] defaults = new Object[fields.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = fields.get(i).name();
            defaults[i] = fields.get(i).required() ? null : JavaValues.toQat(FieldTable.shownDefault(fields.get(i)));
        }
        add(new BuiltinSignature(table.kind(), new Signature(names, defaults, -1)), doc, call -> table.make(call.arguments()));
    }

    private void add(BuiltinSignature parsed, String doc, Function<Call, Object> function) {
        register(parsed, doc, new LibraryFunctionNode(parsed.name(), parsed.signature().names(), function, argumentReaders(parsed)));
    }

    private static QatExpressionNode[] argumentReaders(BuiltinSignature parsed) {
        QatExpressionNode[] readers = new QatExpressionNode[parsed.signature().size()];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = new ReadArgumentNode(i);
        }
        return readers;
    }

    private void register(BuiltinSignature parsed, String doc, QatExpressionNode body) {
        BuiltinRootNode root = new BuiltinRootNode(language, body, parsed.name());
        functions.put(parsed.name(), new QatFunction(parsed.name(), parsed.signature(), root.getCallTarget(), null, doc));
    }
}
