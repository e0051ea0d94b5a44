package org.qatlas.stdlib.plot;

/** How a series is drawn. */
public enum SeriesStyle {
    /** A line through the points in the order given; no markers. */
    LINE,
    /** A marker at each point; no line. */
    POINTS,
    /** A line with a marker at each point. */
    LINE_AND_POINTS
}
