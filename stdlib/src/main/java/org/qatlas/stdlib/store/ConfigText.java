package org.qatlas.stdlib.store;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.qatlas.stdlib.value.Fields;
import org.qatlas.stdlib.value.TableValue;

/**
 * A configuration value as a script would write it with every setting spelled out (none left
 * out): {@code budget(tokens: 512, batch: 8, ..., schedule: cosine(warmup: 0.05, floor: 0.1), ...)}.
 * Unlike the shortest call, the text does not depend on today's defaults, so the same
 * configuration has the same text in every version, and two values compare by their texts.
 */
public final class ConfigText {
    private ConfigText() {
    }

    public static String of(Object value) {
        return switch (value) {
            case null -> "none";
            case TableValue<?> table -> table.kind() + "(" + table.table().settings().stream()
                    .filter(name -> table.field(name) != null)
                    .map(name -> name + ": " + of(table.field(name)))
                    .collect(Collectors.joining(", ")) + ")";
            case Map<?, ?> map when map.isEmpty() -> "{}";
            case Map<?, ?> map -> "{ " + map.entrySet().stream()
                    .map(e -> "\"" + e.getKey() + "\": " + of(e.getValue()))
                    .collect(Collectors.joining(", ")) + " }";
            case List<?> list -> "[" + list.stream().map(ConfigText::of).collect(Collectors.joining(", ")) + "]";
            default -> Fields.show(value);
        };
    }
}
