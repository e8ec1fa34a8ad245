package dev.scanbench.report.html;

import dev.scanbench.harness.score.PublishedTimes;
import dev.scanbench.harness.score.ScoreMath;
import dev.scanbench.report.board.GroupBy;
import dev.scanbench.report.board.Leaderboard;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The reviewer's report: one self-contained HTML file (inline CSS, inline SVG charts, no script, no request of any
 * kind), readable on a laptop screen and in print. Sections: the log's verification, the reference marks, the
 * leaderboards, progress curves, sample distributions, comparisons of the top entries, the leaders' sources.
 */
public final class HtmlReport {
    private static final String CSS = resource("report.css");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private HtmlReport() {
    }

    /** @return the whole page */
    public static String render(ReportInput in) {
        Leaderboard byKernel = Leaderboard.of(in.entries(), GroupBy.KERNEL);
        Leaderboard byLabel = Leaderboard.of(in.entries(), GroupBy.LABEL);
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Score report: ").append(Html.text(in.source())).append("</title>")
                // An empty icon, so the browser asks for nothing at all.
                .append("<link rel=\"icon\" href=\"data:,\"><style>").append(CSS).append("</style></head><body>");
        header(sb, in, byKernel);
        reference(sb);
        BoardSection.render(sb, byKernel, byLabel);
        ProgressSection.render(sb, in.entries());
        DetailSections.samples(sb, byKernel);
        DetailSections.comparisons(sb, byKernel);
        DetailSections.sources(sb, byKernel, in.sourceOf());
        verification(sb, in.status());
        sb.append("<footer>Made by <code>workbench report</code> (workbench ").append(Html.text(in.version()))
                .append(") from <code>").append(Html.text(in.source())).append("</code> at ")
                .append(STAMP.format(in.generated())).append(". Every number comes from the log's entries; the"
                + " emulator's H100 model estimates are never logged and never shown here.</footer>");
        return sb.append("</body></html>\n").toString();
    }

    private static void header(StringBuilder sb, ReportInput in, Leaderboard board) {
        LogStatus s = in.status();
        sb.append("<header><h1>Prefix-sum kernel workbench: score report</h1><p class=\"meta\">Log <code>")
                .append(Html.text(in.source())).append("</code> &middot; ").append(board.total())
                .append(" scoring entries, ").append(board.failed()).append(" failed &middot; generated ")
                .append(STAMP.format(in.generated())).append("</p><div id=\"verify-status\" class=\"status ")
                .append(s.ok() ? "ok" : "bad").append("\"><strong>").append(s.ok() ? "Log verifies" : "Log does NOT"
                + " verify").append("</strong>: ").append(Html.text(s.chain())).append(". Head hash <code>")
                .append(Html.text(s.headHash())).append("</code>. Sources: ").append(Html.text(s.sources()))
                .append(".</div></header><nav><a href=\"#leaderboard\">Leaderboard</a><a href=\"#progress\">Progress"
                + "</a><a href=\"#samples\">Samples</a><a href=\"#comparisons\">Comparisons</a><a href=\"#sources\">"
                + "Sources</a><a href=\"#verification\">Verification</a></nav>");
    }

    private static void reference(StringBuilder sb) {
        sb.append("<section id=\"reference\"><h2>Reference marks</h2><p class=\"caption\">RE-Bench's \"optimize a"
                + " kernel\" task on one H100, n = 10<sup>8</sup>. Published times; the floor is 0.8 GB of traffic at"
                + " the given bandwidth.</p><div class=\"scroll\"><table class=\"marks\"><thead><tr><th>mark</th>"
                + "<th class=\"num\">ms</th><th class=\"num\">ln(ms)</th><th class=\"num\">y<sub>n</sub></th></tr>"
                + "</thead><tbody>");
        mark(sb, "starting solution", PublishedTimes.START_MS);
        mark(sb, "task reference solution", PublishedTimes.REFERENCE_MS);
        mark(sb, "best human (9 experts, ~8 h each)", PublishedTimes.BEST_HUMAN_MS);
        mark(sb, "best agent (o1-preview, AIDE)", PublishedTimes.BEST_AGENT_MS);
        mark(sb, "memory floor, measured copy 2.9 TB/s", 0.276);
        mark(sb, "memory floor, datasheet 3.35 TB/s", 0.239);
        sb.append("</tbody></table></div></section>");
    }

    private static void mark(StringBuilder sb, String name, double ms) {
        sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td class=\"num\">%.3f</td><td class=\"num\">%.3f</td>"
                + "<td class=\"num\">%.2f</td></tr>", Html.text(name), ms, ScoreMath.score(ms),
                ScoreMath.normalised(ms)));
    }

    private static void verification(StringBuilder sb, LogStatus s) {
        sb.append("<section id=\"verification\"><h2>Verification</h2><p>").append(s.ok() ? "The log verifies:"
                : "The log does <strong>not</strong> verify:").append(' ').append(Html.text(s.chain()))
                .append(".</p><p>Head hash (SHA-256 of the last entry): <code>").append(Html.text(s.headHash()))
                .append("</code>, after ").append(s.entries()).append(" entries.</p><p>Stored sources: ")
                .append(Html.text(s.sources())).append(".</p>");
        if (!s.problems().isEmpty()) {
            sb.append("<ul class=\"problems\">");
            s.problems().forEach(p -> sb.append("<li>").append(Html.text(p)).append("</li>"));
            sb.append("</ul>");
        }
        sb.append("<p class=\"caption\">Re-check it with <code>workbench log verify</code>, or with the eight lines"
                + " of Python in the README, without this code.</p></section>");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the report's " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
