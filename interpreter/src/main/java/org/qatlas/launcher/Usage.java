package org.qatlas.launcher;

/** The texts of {@code qat --help} and {@code qat --version}. */
final class Usage {

    /** Used when the class path has no jar manifest to read the version from (tests, IDEs). */
    static final String DEFAULT_VERSION = "0.1.0";

    static final String HELP = """
            usage: qat [--debug] run FILE [ARGS...]   run a script (FILE - reads standard input)
                   qat [--debug] FILE [ARGS...]       the same
                   qat [--debug] -e EXPR [ARGS...]    evaluate EXPR and print its value
                   qat [--debug]                      start the REPL (or run standard input
                                                      as a script when it is not a terminal)
                   qat runs [NAME=VALUE...] [--csv] [--status S]
                                                      list the run store's finished runs (S:
                                                      failed or running for those instead),
                                                      as a table or as CSV with every column;
                                                      NAME=VALUE filters: layers=2, seed=1,
                                                      weight_bits=4, tokens=250K, ...
                   qat --help | --version

            options:
              --debug        show Java stack traces for errors
              -e, --eval     evaluate an expression
              -h, --help     show this help
              -V, --version  show the version

            environment (read by bin/qat):
              QAT_JIT=0       use the fallback runtime instead of the optimizing compiler
              QAT_JAVA_OPTS   extra JVM options
              QAT_HISTORY     REPL history file (default ~/.qat_history)
              QAT_RUNS        the run store: an SQLite file, or a folder that keeps
                              runs.db (default ~/.cache/qatlas/runs.db); off: memory only

            exit status: 0 success, 1 error in the script, 2 bad command line
            """;

    private Usage() {
    }

    static String versionLine() {
        String fromManifest = Usage.class.getPackage().getImplementationVersion();
        return "qat " + (fromManifest == null ? DEFAULT_VERSION : fromManifest);
    }
}
