package io.optionchain.benchmarks.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Latency by percentile as a small hand-written SVG, drawn like HdrHistogram's own plotter: the x axis
 * is 1 / (1 − percentile) on a log scale, so 90%, 99%, 99.9% … sit evenly apart and the tail gets the
 * room it deserves. The y axis is microseconds on a log scale, so our tens of microseconds and the
 * baseline's milliseconds fit one picture.
 */
final class PercentilePlot {
    /** One curve: its legend and its histogram in nanoseconds. */
    record Series(String label, Histogram nanos) {
    }

    private static final int WIDTH = 760;
    private static final int PLOT_HEIGHT = 340;
    private static final int LEFT = 70;
    private static final int RIGHT = 40;
    private static final int TOP = 40;
    /** Below the plot: tick labels, axis title, then one legend line per curve. */
    private static final int AXIS = 60;
    private static final int LEGEND_LINE = 18;
    /** Nines on the x axis: 0%, 90%, … 99.999%. */
    private static final int NINES = 5;
    private static final String[] COLOURS = {"#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#ff7f0e", "#8c564b"};

    private PercentilePlot() {
    }

    static String svg(String title, List<Series> series) {
        double lowMicros = 1;
        double highMicros = 10;
        for (Series s : series) {
            highMicros = Math.max(highMicros, s.nanos().getMaxValue() / 1_000.0);
        }
        int lowDecade = (int) Math.floor(Math.log10(lowMicros));
        int highDecade = (int) Math.ceil(Math.log10(highMicros));
        int bottom = TOP + PLOT_HEIGHT;
        int height = bottom + AXIS + LEGEND_LINE * series.size() + 10;

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH, height, WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\">%s</text>%n",
                LEFT, escape(title)));
        for (int nine = 0; nine <= NINES; nine++) {
            double x = x(nine);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", x, TOP, x, bottom));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x, bottom + 18, percentileLabel(nine)));
        }
        for (int decade = lowDecade; decade <= highDecade; decade++) {
            double y = y(decade, lowDecade, highDecade);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, y + 4, microsLabel(decade)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile</text>%n",
                (LEFT + WIDTH - RIGHT) / 2, bottom + 38));
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" "
                + "text-anchor=\"middle\">latency, frame arrival → decision</text>%n",
                (TOP + bottom) / 2, (TOP + bottom) / 2));

        for (int i = 0; i < series.size(); i++) {
            String colour = COLOURS[i % COLOURS.length];
            svg.append(String.format(Locale.ROOT,
                    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    colour, points(series.get(i).nanos(), lowDecade, highDecade)));
            int legendY = bottom + AXIS + LEGEND_LINE * i;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>%n", LEFT + 12, legendY - 4, LEFT + 36, legendY - 4, colour));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + 42, legendY,
                    escape(series.get(i).label())));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String points(Histogram nanos, int lowDecade, int highDecade) {
        List<String> points = new ArrayList<>();
        for (HistogramIterationValue value : nanos.percentiles(5)) {
            double percentile = Math.min(value.getPercentileLevelIteratedTo(), 100 - Math.pow(10, 2 - NINES));
            double nines = Math.log10(100 / (100 - percentile));
            double micros = Math.max(Math.pow(10, lowDecade), value.getValueIteratedTo() / 1_000.0);
            points.add(String.format(Locale.ROOT, "%.1f,%.1f", x(nines), y(Math.log10(micros), lowDecade, highDecade)));
        }
        return String.join(" ", points);
    }

    private static double x(double nines) {
        return LEFT + (WIDTH - LEFT - RIGHT) * nines / NINES;
    }

    private static double y(double decade, int lowDecade, int highDecade) {
        return TOP + PLOT_HEIGHT - PLOT_HEIGHT * (decade - lowDecade) / (highDecade - lowDecade);
    }

    private static String percentileLabel(int nines) {
        return nines == 0 ? "0%" : new BigDecimal(100 - Math.pow(10, 2 - nines))
                .setScale(Math.max(0, nines - 2), RoundingMode.HALF_UP).toPlainString() + "%";
    }

    private static String microsLabel(int decade) {
        if (decade >= 6) {
            return (long) Math.pow(10, decade - 6) + " s";
        }
        return decade >= 3 ? (long) Math.pow(10, decade - 3) + " ms" : (long) Math.pow(10, decade) + " µs";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
