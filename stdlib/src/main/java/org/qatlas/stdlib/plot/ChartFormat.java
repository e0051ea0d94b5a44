package org.qatlas.stdlib.plot;

import java.util.Locale;

/** The image formats a chart can be written in, each known by its file's extension. */
enum ChartFormat {
    /** Scalable vector graphics, for documents and the web; text stays text. */
    SVG(".svg"),
    /** A bitmap at twice the chart's size, sharp on high-density screens. */
    PNG(".png");

    private final String extension;

    ChartFormat(String extension) {
        this.extension = extension;
    }

    /** The format of a file by its extension (case-insensitive), or a clear error listing both. */
    static ChartFormat of(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (ChartFormat format : values()) {
            if (lower.endsWith(format.extension)) {
                return format;
            }
        }
        throw new ChartException(path + ": unknown chart format; the file name must end in .svg or .png");
    }
}
