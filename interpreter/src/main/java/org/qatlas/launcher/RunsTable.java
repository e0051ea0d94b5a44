package org.qatlas.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qatlas.stdlib.text.NumberText;

/**
 * The runs of {@code qat runs} as a table to read: for each run what tells runs of a study apart
 * (size, formats, tokens, seed) and its outcome, which for a finished run is its losses and
 * speed, for a failed one the step and the reason, for a running one the machine and process.
 */
final class RunsTable {
    /** A column: its header, the store's column it shows, and whether it holds numbers (right-aligned). */
    private record Column(String header, String source, boolean number) {
    }

    private static final List<Column> CONFIG = List.of(new Column("run_id", "run_id", false),
            new Column("status", "status", false), new Column("N", "nonembed_params", true),
            new Column("layers", "layers", true), new Column("hidden", "hidden", true),
            new Column("weights", "weight_format", false), new Column("acts", "act_format", false),
            new Column("tokens", "tokens", true), new Column("seed", "seed", true));
    private static final List<Column> FINISHED = List.of(new Column("loss", "loss", true),
            new Column("eval_loss", "eval_loss", true), new Column("tokens/s", "tokens_per_second", true),
            new Column("engine", "engine", true));
    private static final List<Column> FAILED = List.of(new Column("step", "failed_step", true),
            new Column("reason", "failure", false));
    private static final List<Column> RUNNING = List.of(new Column("host", "host", false), new Column("pid", "pid", true),
            new Column("started", "started", false));

    private RunsTable() {
    }

    /** The rows (all of one status) as aligned text, a header line first. */
    static String format(List<Map<String, Object>> rows) {
        List<Column> columns = new ArrayList<>(CONFIG);
        columns.addAll(switch (String.valueOf(rows.get(0).get("status"))) {
            case "failed" -> FAILED;
            case "running" -> RUNNING;
            default -> FINISHED;
        });
        List<List<String>> cells = new ArrayList<>();
        cells.add(columns.stream().map(Column::header).toList());
        for (Map<String, Object> row : rows) {
            cells.add(columns.stream().map(c -> cell(c, row.get(c.source()))).toList());
        }
        int[] widths = new int[columns.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> line : cells) {
            StringBuilder shown = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = line.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                shown.append(i == 0 ? "" : "  ").append(columns.get(i).number() ? pad + cell : cell + pad);
            }
            text.append(shown.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private static String cell(Column column, Object value) {
        return switch (value) {
            case null -> "none";
            case Double d when column.source().equals("tokens_per_second") -> String.format("%.0f", d);
            case Double d -> String.format("%.4f", d);
            case Long l when column.source().equals("nonembed_params") || column.source().equals("tokens") -> NumberText.si(l);
            default -> String.valueOf(value);
        };
    }
}
