package org.qatlas.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that this JVM lets Spark into the JDK packages it uses (direct buffers, unsafe memory,
 * serialization), which only the JVM's command line can grant: bin/qat passes the flags; an
 * embedding program or test must pass them itself. Without them Spark fails deep inside its
 * start with an error that names none of them.
 */
final class JvmAccess {
    /** The packages of java.base Spark needs open, as in the flags {@code --add-opens=java.base/PACKAGE=ALL-UNNAMED}. */
    static final List<String> PACKAGES = List.of("java.lang", "java.lang.invoke", "java.nio", "sun.nio.ch", "java.util");

    private JvmAccess() {
    }

    /** @throws IllegalStateException naming the flags missing */
    static void check() {
        Module base = Object.class.getModule();
        Module spark = JvmAccess.class.getModule(); // unnamed: the class path, or the launcher's loader for this module
        List<String> missing = new ArrayList<>();
        for (String pkg : PACKAGES) {
            if (!base.isOpen(pkg, spark)) {
                missing.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("spark: this JVM was started without the flags Spark needs; start it with "
                    + String.join(" ", missing) + " (bin/qat does)");
        }
    }
}
