package org.qatlas.interpreter;

import com.oracle.truffle.api.Option;
import org.graalvm.options.OptionCategory;
import org.graalvm.options.OptionDescriptors;
import org.graalvm.options.OptionKey;
import org.graalvm.options.OptionStability;
import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.nodes.Node;
import org.qatlas.interpreter.parser.AstBuilder;
import org.qatlas.interpreter.runtime.QatLanguageView;

/**
 * The Qatlas language for GraalVM's polyglot API: {@code Context.create("qat")}. Each context
 * has its own language instance (the default exclusive policy), so trees may refer to the
 * context's top-level scope directly.
 */
@TruffleLanguage.Registration(
        id = QatLanguage.ID,
        name = "Qatlas",
        version = QatLanguage.VERSION,
        defaultMimeType = QatLanguage.MIME_TYPE,
        characterMimeTypes = QatLanguage.MIME_TYPE,
        fileTypeDetectors = QatFileTypeDetector.class,
        interactive = true)
public final class QatLanguage extends TruffleLanguage<QatContext> {
    public static final String ID = "qat";
    public static final String VERSION = "0.1.0";
    public static final String MIME_TYPE = "application/x-qat";

    private static final ContextReference<QatContext> CONTEXT = ContextReference.create(QatLanguage.class);

    @Option(name = "runs", help = "The run store: an SQLite file (or a folder, which keeps runs.db) where train() keeps runs "
            + "and answers the same configuration from them later, shared by every process that names it; empty (the default) "
            + "keeps runs in the context's memory only. The store is opened with the host's file access, whatever the "
            + "context's IO policy: only the embedding program can set this option.",
            category = OptionCategory.USER, stability = OptionStability.STABLE)
    static final OptionKey<String> RUNS = new OptionKey<>("");

    @Option(name = "backend", help = "What computes the runs train() and train_all() start when they name no backend: cpu "
            + "(fast float32 kernels), nd4j (whole-array ND4J operations) or cuda (nd4j on a GPU); empty (the default) takes "
            + "the QATLAS_BACKEND environment variable, else cpu (cuda in a CUDA build).",
            category = OptionCategory.USER, stability = OptionStability.STABLE)
    static final OptionKey<String> BACKEND = new OptionKey<>("");

    @Override
    protected OptionDescriptors getOptionDescriptors() {
        return new QatLanguageOptionDescriptors();
    }

    @Override
    protected QatContext createContext(Env env) {
        return new QatContext(this, env);
    }

    @Override
    protected void disposeContext(QatContext context) {
        context.dispose();
    }

    @Override
    protected void initializeContext(QatContext context) {
        context.loadPrelude();
    }

    @Override
    protected CallTarget parse(ParsingRequest request) {
        QatContext context = CONTEXT.get(null);
        return AstBuilder.parseProgram(this, request.getSource(), context.mainScope()).getCallTarget();
    }

    @Override
    protected Object getScope(QatContext context) {
        return context.mainScope();
    }

    /** Shows primitive results (numbers above all) as Qatlas writes them: inf, 1.5e20. */
    @Override
    protected Object getLanguageView(QatContext context, Object value) {
        return new QatLanguageView(value);
    }

    static QatContext context(Node node) {
        return CONTEXT.get(node);
    }
}
