package dev.scanbench.report.html;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The raw samples of a few entries on one time axis, one row each: every sample a dot (flagged samples hollow and
 * red: outliers, host stalls), the median a bar, the median's confidence interval a band. What the summary numbers
 * hide (a bimodal run, a drift, one stalled sample) shows here.
 */
final class SampleStrip {
    private static final int WIDTH = 920;
    private static final int LEFT = 250;
    private static final int RIGHT = 30;
    private static final int ROW = 40;
    private static final int TOP = 10;
    private static final int BOTTOM = 44;

    /** One entry's samples. */
    record Strip(String label, double[] samples, List<Set<String>> flags, double median, Double ciLow, Double ciHigh) {
    }

    private SampleStrip() {
    }

    static String svg(String basis, String title, List<Strip> strips) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Strip s : strips) {
            for (double v : s.samples()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        int height = TOP + ROW * strips.size() + BOTTOM;
        Axis x = Axis.padded(min, max, LEFT, WIDTH - RIGHT);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg class=\"chart samples\" data-basis=\"%s\" viewBox=\"0 0 %d %d\""
                + " role=\"img\" aria-label=\"%s\"><title>%s</title>",
                basis, WIDTH, height, Html.text(title), Html.text(title)));
        sb.append(String.format(Locale.ROOT, "<rect class=\"plot\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
                LEFT, TOP, WIDTH - LEFT - RIGHT, ROW * strips.size()));
        for (double t : x.ticks(6)) {
            double px = x.at(t);
            sb.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>"
                    + "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", px, px, TOP,
                    TOP + ROW * strips.size(), px, TOP + ROW * strips.size() + 16, ProgressChart.trim(t)));
        }
        sb.append(String.format(Locale.ROOT, "<text class=\"axis-label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
                + "time per sample (ms)</text>", (LEFT + WIDTH - RIGHT) / 2, height - 8));
        for (int i = 0; i < strips.size(); i++) {
            row(sb, strips.get(i), i, x);
        }
        return sb.append("</svg>").toString();
    }

    private static void row(StringBuilder sb, Strip s, int i, Axis x) {
        double mid = TOP + ROW * i + ROW / 2.0;
        String colour = Palette.colour(i);
        sb.append(String.format(Locale.ROOT, "<text class=\"row-label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s"
                + "</text>", LEFT - 8, mid + 4, Html.text(s.label().length() > 38 ? s.label().substring(0, 37)
                + "\u2026" : s.label())));
        if (s.ciLow() != null && s.ciHigh() != null) {
            sb.append(String.format(Locale.ROOT, "<rect class=\"ci\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
                    + " height=\"%d\"><title>median's confidence interval %.4f .. %.4f ms</title></rect>",
                    x.at(s.ciLow()), mid - 14, Math.max(1, x.at(s.ciHigh()) - x.at(s.ciLow())), 28, s.ciLow(),
                    s.ciHigh()));
        }
        double[] v = s.samples();
        for (int k = 0; k < v.length; k++) {
            // A fixed, even spread (golden-ratio steps) so identical times stay visible as a column of dots.
            double dy = ((k * 0.6180339887) % 1.0 - 0.5) * 22;
            Set<String> flags = k < s.flags().size() ? s.flags().get(k) : Set.of();
            boolean flagged = flags.stream().anyMatch(f -> !f.equals("l2_flushed"));
            sb.append(String.format(Locale.ROOT, "<circle class=\"sample%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.6\"%s>"
                    + "<title>sample %d: %.4f ms%s</title></circle>", flagged ? " flagged" : "", x.at(v[k]), mid + dy,
                    flagged ? "" : " fill=\"" + colour + "\"", k + 1, v[k],
                    flags.isEmpty() ? "" : " (" + String.join(", ", flags) + ")"));
        }
        double m = x.at(s.median());
        sb.append(String.format(Locale.ROOT, "<line class=\"median\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\">"
                + "<title>median %.4f ms</title></line>", m, m, mid - 16, mid + 16, s.median()));
    }
}
