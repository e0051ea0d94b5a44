package org.qatlas.stdlib.modules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The modules a script can import by name ({@code import math}). Each is a Qatlas source file
 * shipped in this library; modules that need Java behind them call built-in functions.
 */
public final class BuiltinModules {
    /** Every module name, for "unknown module" suggestions and REPL completion. */
    public static final List<String> NAMES = List.of("math", "chinchilla", "chen2025", "dremov2025", "epm");

    /** The code run before every script: helpers written in Qatlas itself. */
    public static final String PRELUDE = "prelude";

    private BuiltinModules() {
    }

    /** The source text of module {@code name}, if there is such a module. */
    public static Optional<String> source(String name) {
        if (!NAMES.contains(name) && !PRELUDE.equals(name)) {
            return Optional.empty();
        }
        try (InputStream in = BuiltinModules.class.getResourceAsStream(name + ".qat")) {
            if (in == null) {
                throw new IllegalStateException("module " + name + " is missing from the library's resources");
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
