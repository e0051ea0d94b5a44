package org.qatlas.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.qatlas.stdlib.train.RunStore;

/**
 * {@code qat runs [NAME=VALUE...] [--csv] [--status S]}: the runs of the command line's store,
 * as a table to read or as CSV with every column. {@code NAME=VALUE} filters as the store's
 * listing does ({@code layers=2 weight_bits=4 tokens=250K}); {@code --status failed} (or
 * {@code status=failed}) shows the failed runs instead of the finished ones, and running the
 * claimed ones.
 */
final class RunsCommand {
    /** What the command line asked for. */
    record Request(Map<String, Object> filter, boolean csv) {
    }

    private RunsCommand() {
    }

    /** Lists the store at {@code location} (empty: none, QAT_RUNS=off); returns the exit status. */
    static int run(List<String> arguments, String location, PrintStream out, PrintStream err) {
        Request request;
        try {
            request = parse(arguments);
        } catch (CommandLine.UsageException e) {
            err.println("qat runs: " + e.getMessage());
            err.println("run 'qat --help' for usage");
            return Main.USAGE_ERROR;
        }
        if (location.isEmpty()) {
            err.println("qat runs: QAT_RUNS=off keeps runs in each process's memory: there is no store to list");
            return Main.USAGE_ERROR;
        }
        RunStore store;
        try {
            store = RunStore.open(Path.of(location));
        } catch (IllegalArgumentException notAStore) {
            err.println("qat runs: " + notAStore.getMessage());
            return Main.SCRIPT_ERROR;
        }
        try (store) {
            if (store.problem() != null) {
                err.println("qat runs: cannot open the run store " + store.file() + ": " + store.problem());
                return Main.SCRIPT_ERROR;
            }
            List<Map<String, Object>> rows = store.columns(request.filter(), err::println);
            if (request.csv()) {
                csv(rows, out);
            } else if (rows.isEmpty()) {
                boolean filtered = request.filter().keySet().stream().anyMatch(name -> !name.equals("status"));
                out.println("no " + request.filter().getOrDefault("status", "finished") + " runs"
                        + (filtered ? " match the filter" : "") + " in " + store.file());
            } else {
                out.print(RunsTable.format(rows));
            }
            return Main.OK;
        } catch (IllegalArgumentException badFilter) {
            // The store's words are the runs() built-in's ("runs: cannot filter on ..."): the command's name goes first.
            err.println("qat " + badFilter.getMessage());
            return Main.USAGE_ERROR;
        } catch (UncheckedIOException e) {
            err.println("qat runs: " + e.getMessage());
            return Main.SCRIPT_ERROR;
        }
    }

    static Request parse(List<String> arguments) throws CommandLine.UsageException {
        Map<String, Object> filter = new LinkedHashMap<>();
        boolean csv = false;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--csv")) {
                csv = true;
            } else if (argument.equals("--status")) {
                if (i + 1 >= arguments.size()) {
                    throw new CommandLine.UsageException("'--status' needs running, finished or failed");
                }
                filter.put("status", arguments.get(++i));
            } else if (argument.startsWith("-")) {
                throw new CommandLine.UsageException("unknown option '" + argument + "' (runs takes NAME=VALUE, --csv and "
                        + "--status)");
            } else if (argument.indexOf('=') > 0) {
                String name = argument.substring(0, argument.indexOf('='));
                if (filter.put(name, argument.substring(argument.indexOf('=') + 1)) != null) {
                    throw new CommandLine.UsageException("'" + name + "' is given twice");
                }
            } else {
                throw new CommandLine.UsageException("'" + argument + "' is not NAME=VALUE, such as layers=2");
            }
        }
        return new Request(filter, csv);
    }

    /** Every column, a header first; none is an empty field. */
    private static void csv(List<Map<String, Object>> rows, PrintStream out) {
        try {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
            printer.printRecord(RunStore.listedColumns());
            for (Map<String, Object> row : rows) {
                printer.printRecord(row.values());
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
