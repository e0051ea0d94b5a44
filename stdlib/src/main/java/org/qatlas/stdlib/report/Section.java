package org.qatlas.stdlib.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.qatlas.stdlib.plot.Chart;

/**
 * One part of a report, shown in the order given. Each kind holds data, never markup: the page
 * is made from it by {@link ReportHtml}, which escapes every text.
 */
public sealed interface Section {

    /** A heading that starts a part of the report. */
    record Heading(String text) implements Section {
        public Heading {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Prose: paragraphs are separated by blank lines; a single line break is a space. */
    record Text(String text) implements Section {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A table of records.
     *
     * @param rows flat rows (see {@link ReportRows})
     * @param columns the columns shown, in order; every one is a column of the rows
     * @param caption shown above the table ("" for none)
     */
    record Table(List<Map<String, Object>> rows, List<String> columns, String caption) implements Section {
        public Table {
            rows = List.copyOf(rows);
            columns = List.copyOf(columns);
            Objects.requireNonNull(caption, "caption");
            List<String> known = ReportRows.columns(rows);
            for (String column : columns) {
                if (!known.contains(column)) {
                    throw new IllegalArgumentException("the rows have no column \"" + column + "\"; their columns are "
                            + String.join(", ", known));
                }
            }
        }

        /** Every column of the rows, without a caption. */
        public static Table of(List<Map<String, Object>> rows) {
            return new Table(rows, ReportRows.columns(rows), "");
        }
    }

    /** A chart drawn for the report, inline as SVG, so its text can be searched and selected. */
    record ChartFigure(Chart chart, String caption) implements Section {
        public ChartFigure {
            Objects.requireNonNull(chart, "chart");
            Objects.requireNonNull(caption, "caption");
        }
    }

    /**
     * An image file (a chart that {@code plot} wrote) embedded in the page as an image: a
     * browser runs no script inside an image and fetches nothing it names, so an SVG file from
     * anywhere is safe to show.
     *
     * @param bytes the file's contents
     * @param mediaType {@code image/svg+xml} or {@code image/png}
     */
    record ImageFigure(byte[] bytes, String mediaType, String caption) implements Section {
        public ImageFigure {
            bytes = bytes.clone();
            if (!mediaType.equals("image/svg+xml") && !mediaType.equals("image/png")) {
                throw new IllegalArgumentException("an image must be SVG or PNG, not " + mediaType);
            }
            Objects.requireNonNull(caption, "caption");
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /**
     * A fitted law's constants beside the paper's values.
     *
     * @param summary what was fitted and how well, shown above the table
     * @param confidence the intervals' coverage, such as 0.95
     * @param warnings the fit's warnings, shown under the table
     */
    record Constants(List<FittedConstant> constants, String summary, double confidence, List<String> warnings)
            implements Section {
        public Constants {
            constants = List.copyOf(constants);
            Objects.requireNonNull(summary, "summary");
            warnings = List.copyOf(warnings);
        }
    }

    /** Claims of a paper and whether the study reproduced them. */
    record Findings(List<Finding> findings, String caption) implements Section {
        public Findings {
            findings = List.copyOf(findings);
            Objects.requireNonNull(caption, "caption");
        }
    }
}
