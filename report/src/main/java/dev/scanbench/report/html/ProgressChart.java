package dev.scanbench.report.html;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Best result so far against wall-clock time, one step line per label, with horizontal reference lines: RE-Bench's
 * view of progress per agent and per human. Plain SVG: it scales to any width, prints sharp, and needs no script.
 */
final class ProgressChart {
    private static final int WIDTH = 920;
    private static final int HEIGHT = 340;
    private static final int LEFT = 64;
    private static final int RIGHT = 250;
    private static final int TOP = 16;
    private static final int BOTTOM = 44;
    private static final int LEGEND_COLUMNS = 4;

    /** An improvement: the label's new best at this time. */
    record Point(Instant time, double value, String title) {
    }

    /** One label's improvements, in time order. */
    record Series(String label, List<Point> points) {
    }

    /** A horizontal line: a published or physical mark. */
    record Reference(String key, String label, double value) {
    }

    private ProgressChart() {
    }

    /**
     * @param basis   the basis key, for the chart's data attribute
     * @param title   what the chart shows (also its accessible name)
     * @param yLabel  the quantity and which way is better
     * @param series  one per label
     * @param refs    the reference lines
     * @param end     the last entry's time: every series' best carries on to it
     */
    static String svg(String basis, String title, String yLabel, List<Series> series, List<Reference> refs,
                      Instant end) {
        Instant start = series.stream().flatMap(s -> s.points().stream()).map(Point::time).min(Instant::compareTo)
                .orElse(end);
        double spanSeconds = Math.max(60, Duration.between(start, end).toSeconds());
        Axis x = new Axis(0, spanSeconds * 1.02, LEFT, WIDTH - RIGHT);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (Point p : s.points()) {
                min = Math.min(min, p.value());
                max = Math.max(max, p.value());
            }
        }
        for (Reference r : refs) {
            min = Math.min(min, r.value());
            max = Math.max(max, r.value());
        }
        if (!Double.isFinite(min)) {
            min = 0;
            max = 1;
        }
        Axis y = Axis.padded(min, max, HEIGHT - BOTTOM, TOP);
        int legendRows = (series.size() + LEGEND_COLUMNS - 1) / LEGEND_COLUMNS;
        int height = HEIGHT + 20 * legendRows;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg class=\"chart progress\" data-basis=\"%s\" viewBox=\"0 0 %d %d\""
                + " role=\"img\" aria-label=\"%s\"><title>%s</title>",
                basis, WIDTH, height, Html.text(title), Html.text(title)));
        axes(sb, x, y, start, yLabel, spanSeconds);
        references(sb, refs, y);
        for (int i = 0; i < series.size(); i++) {
            series(sb, i, series.get(i), x, y, start, end);
        }
        if (series.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "<text class=\"empty\" x=\"%d\" y=\"%d\">no entries on this basis"
                    + " yet</text>", (LEFT + WIDTH - RIGHT) / 2, HEIGHT / 2));
        }
        legend(sb, series);
        return sb.append("</svg>").toString();
    }

    private static void series(StringBuilder sb, int i, Series s, Axis x, Axis y, Instant start, Instant end) {
        String colour = Palette.colour(i);
        StringBuilder d = new StringBuilder();
        for (int k = 0; k < s.points().size(); k++) {
            Point p = s.points().get(k);
            double px = x.at(Duration.between(start, p.time()).toMillis() / 1000.0);
            double py = y.at(p.value());
            d.append(k == 0 ? String.format(Locale.ROOT, "M%.1f %.1f", px, py)
                    : String.format(Locale.ROOT, " H%.1f V%.1f", px, py));
        }
        d.append(String.format(Locale.ROOT, " H%.1f", x.at(Duration.between(start, end).toMillis() / 1000.0)));
        sb.append(String.format(Locale.ROOT, "<path class=\"series\" data-label=\"%s\" d=\"%s\" stroke=\"%s\"/>",
                Html.text(s.label()), d, colour));
        for (Point p : s.points()) {
            sb.append(Palette.marker(i, x.at(Duration.between(start, p.time()).toMillis() / 1000.0),
                    y.at(p.value()), colour, s.label() + ": " + p.title()));
        }
    }

    /** The lines, and their labels at the right, pushed apart where two marks nearly coincide (human, agent). */
    private static void references(StringBuilder sb, List<Reference> refs, Axis y) {
        List<Reference> sorted = new java.util.ArrayList<>(refs);
        sorted.sort(java.util.Comparator.comparingDouble(r -> -y.at(r.value())));
        double previous = Double.POSITIVE_INFINITY;
        for (Reference r : sorted) {
            double py = y.at(r.value());
            double ly = Math.min(py + 4, previous - 12);
            previous = ly;
            sb.append(String.format(Locale.ROOT, "<line class=\"ref-line\" data-ref=\"%s\" x1=\"%d\" x2=\"%d\""
                    + " y1=\"%.1f\" y2=\"%.1f\"/><text class=\"ref-label\" x=\"%d\" y=\"%.1f\">%s</text>",
                    r.key(), LEFT, WIDTH - RIGHT, py, py, WIDTH - RIGHT + 6, ly, Html.text(r.label())));
        }
    }

    private static void axes(StringBuilder sb, Axis x, Axis y, Instant start, String yLabel, double span) {
        sb.append(String.format(Locale.ROOT, "<rect class=\"plot\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
                LEFT, TOP, WIDTH - RIGHT - LEFT, HEIGHT - BOTTOM - TOP));
        for (double t : y.ticks(5)) {
            double py = y.at(t);
            sb.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
                    + "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT, WIDTH - RIGHT,
                    py, py, LEFT - 6, py + 4, trim(t)));
        }
        DateTimeFormatter f = DateTimeFormatter.ofPattern(span < 3600 ? "HH:mm:ss" : span < 2 * 86400 ? "MM-dd HH:mm"
                : "yyyy-MM-dd").withZone(ZoneOffset.UTC);
        for (double s : x.ticks(5)) {
            double px = x.at(s);
            sb.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s"
                    + "</text>", px, HEIGHT - BOTTOM + 16, f.format(start.plusSeconds((long) s))));
        }
        sb.append(String.format(Locale.ROOT, "<text class=\"axis-label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
                + "wall-clock time (UTC)</text>", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 6));
        sb.append(String.format(Locale.ROOT, "<text class=\"axis-label\" transform=\"translate(14 %d) rotate(-90)\""
                + " text-anchor=\"middle\">%s</text>", (TOP + HEIGHT - BOTTOM) / 2, Html.text(yLabel)));
    }

    /** The legend under the plot, {@link #LEGEND_COLUMNS} labels a row. */
    private static void legend(StringBuilder sb, List<Series> series) {
        int width = (WIDTH - LEFT) / LEGEND_COLUMNS;
        for (int i = 0; i < series.size(); i++) {
            int lx = LEFT + width * (i % LEGEND_COLUMNS);
            int ly = HEIGHT + 20 * (i / LEGEND_COLUMNS) + 4;
            sb.append(String.format(Locale.ROOT, "<g class=\"legend\">%s<text x=\"%d\" y=\"%d\">%s</text></g>",
                    Palette.marker(i, lx + 6, ly, Palette.colour(i), series.get(i).label()), lx + 16, ly + 4,
                    Html.text(shorten(series.get(i).label()))));
        }
    }

    static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private static String shorten(String s) {
        return s.length() > 26 ? s.substring(0, 25) + "\u2026" : s;
    }
}
