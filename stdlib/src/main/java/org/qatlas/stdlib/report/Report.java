package org.qatlas.stdlib.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A study's report: a title, its sections in order, and the runs it rests on.
 *
 * @param runs flat rows of the runs (see {@link ReportRows}), written as CSV beside the page;
 *     null for none
 */
public record Report(String title, List<Section> sections, List<Map<String, Object>> runs) {
    public Report {
        Objects.requireNonNull(title, "title");
        sections = List.copyOf(sections);
        runs = runs == null ? null : List.copyOf(runs);
    }

    /** The page, linking a runs file of this name (null for none). */
    public String html(String runsFile) {
        return ReportHtml.page(this, runsFile, runs == null ? 0 : runs.size());
    }
}
