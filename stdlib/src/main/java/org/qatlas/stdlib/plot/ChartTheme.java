package org.qatlas.stdlib.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.Stroke;
import java.util.Arrays;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.VerticalAlignment;

/**
 * The look of every chart: white background, a thin frame, light grid lines (lighter still
 * for minor ticks), DejaVu Sans at sizes readable when the figure is shrunk into a document,
 * and a frameless legend to the right of the plot. Replaces JFreeChart's grey plot and
 * boxed legend.
 */
final class ChartTheme {
    private ChartTheme() {
    }

    private static final String FAMILY = fontFamily();
    static final Font TITLE = new Font(FAMILY, Font.BOLD, 17);
    static final Font SUBTITLE = new Font(FAMILY, Font.PLAIN, 13);
    static final Font AXIS_LABEL = new Font(FAMILY, Font.PLAIN, 14);
    static final Font TICK_LABEL = new Font(FAMILY, Font.PLAIN, 12);
    static final Font LEGEND = new Font(FAMILY, Font.PLAIN, 13);

    static final Color TEXT = new Color(0x222222);
    static final Color SUBTLE_TEXT = new Color(0x555555);
    static final Color FRAME = new Color(0x9A9A9A);
    static final Color GRID = new Color(0xDEDEDE);
    static final Color MINOR_GRID = new Color(0xF1F1F1);
    static final Color IDENTITY = new Color(0x777777);

    static final Stroke LINE = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke DASHED = new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 5f}, 0f);
    private static final Stroke GRID_LINE = new BasicStroke(0.8f);

    /** DejaVu Sans where installed (it has every glyph the labels use), else the JDK's sans-serif. */
    private static String fontFamily() {
        Headless.ensure();
        String[] installed = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
        return Arrays.asList(installed).contains("DejaVu Sans") ? "DejaVu Sans" : Font.SANS_SERIF;
    }

    /** Styles a chart's titles, plot and legend. */
    static void apply(JFreeChart chart, String subtitle) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(10, 10, 10, 14));
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE);
            chart.getTitle().setPaint(TEXT);
        }
        if (!subtitle.isEmpty()) {
            TextTitle sub = new TextTitle(subtitle, SUBTITLE);
            sub.setPaint(SUBTLE_TEXT);
            sub.setPadding(new RectangleInsets(2, 0, 6, 0));
            chart.addSubtitle(0, sub); // before the legend, so it is centred under the title
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(FRAME);
        plot.setOutlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(GRID_LINE);
        plot.setRangeGridlineStroke(GRID_LINE);
        plot.setDomainMinorGridlinesVisible(true);
        plot.setRangeMinorGridlinesVisible(true);
        plot.setDomainMinorGridlinePaint(MINOR_GRID);
        plot.setRangeMinorGridlinePaint(MINOR_GRID);
        plot.setDomainMinorGridlineStroke(GRID_LINE);
        plot.setRangeMinorGridlineStroke(GRID_LINE);
        axis(plot.getDomainAxis());
        axis(plot.getRangeAxis());
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.RIGHT);
            legend.setVerticalAlignment(VerticalAlignment.TOP);
            legend.setHorizontalAlignment(HorizontalAlignment.LEFT);
            legend.setFrame(BlockBorder.NONE);
            legend.setBackgroundPaint(Color.WHITE);
            legend.setItemFont(LEGEND);
            legend.setItemPaint(TEXT);
            legend.setMargin(new RectangleInsets(0, 12, 0, 0));
            legend.setItemLabelPadding(new RectangleInsets(3, 4, 3, 2));
        }
    }

    private static void axis(ValueAxis axis) {
        axis.setLabelFont(AXIS_LABEL);
        axis.setLabelPaint(TEXT);
        axis.setTickLabelFont(TICK_LABEL);
        axis.setTickLabelPaint(TEXT);
        axis.setAxisLineVisible(false); // the plot's frame already draws the edge
        axis.setTickMarkPaint(FRAME);
        axis.setTickMarkOutsideLength(4);
        axis.setTickMarkInsideLength(0);
        axis.setMinorTickMarkOutsideLength(2);
        axis.setMinorTickMarkInsideLength(0);
        axis.setLabelInsets(new RectangleInsets(6, 6, 6, 6));
    }
}
