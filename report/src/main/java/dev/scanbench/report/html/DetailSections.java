package dev.scanbench.report.html;

import dev.scanbench.report.board.Board;
import dev.scanbench.report.board.Leaderboard;
import dev.scanbench.report.board.Row;
import dev.scanbench.report.compare.Comparer;
import dev.scanbench.report.compare.Comparison;
import dev.scanbench.report.entry.Basis;
import dev.scanbench.report.entry.ScoreEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The leading entries in detail: their sample distributions, the leader compared with the runners-up on each
 * board, and their kernel sources as stored.
 */
final class DetailSections {
    /** How many leading entries per board the detail sections show. */
    static final int LEADERS = 5;

    private DetailSections() {
    }

    static void samples(StringBuilder sb, Leaderboard board) {
        sb.append("<section id=\"samples\"><h2>Sample distributions</h2><p class=\"caption\">Every sample of the"
                + " leading entries (per kernel), as the log keeps them: dots are samples (hollow red: flagged as an"
                + " outlier or host stall), the bar is the median, the band its confidence interval.</p>");
        boolean any = false;
        for (Basis basis : List.of(Basis.GPU, Basis.SIMULATED)) {
            List<SampleStrip.Strip> strips = new ArrayList<>();
            for (Row r : BoardSection.top(board.board(basis), LEADERS)) {
                ScoreEntry e = r.entry();
                if (e.timing().hasSamples()) {
                    strips.add(new SampleStrip.Strip("#" + e.seq() + " " + r.group(), e.timing().samples(),
                            e.timing().flags(), e.timing().medianMs(), e.timing().ciLowMs(), e.timing().ciHighMs()));
                }
            }
            if (strips.isEmpty()) {
                continue;
            }
            any = true;
            String title = BoardSection.capital(basis.words()) + ": samples of the leading entries";
            sb.append("<figure>").append(basis == Basis.SIMULATED ? "<div class=\"banner\">SIMULATED &mdash; these"
                    + " are not GPU times.</div>" : "").append(SampleStrip.svg(basis.jsonName(), title, strips))
                    .append("<figcaption>").append(Html.text(title)).append(".</figcaption></figure>");
        }
        if (!any) {
            sb.append("<p class=\"empty\">No timed entry with stored samples: the emulator has no clock, so its"
                    + " entries have counted work instead (see the leaderboard).</p>");
        }
        sb.append("</section>");
    }

    static void comparisons(StringBuilder sb, Leaderboard board) {
        sb.append("<section id=\"comparisons\"><h2>Comparisons of the top entries</h2><p class=\"caption\">Each"
                + " board's leader (A) against the next entries (B), as <code>workbench compare</code> decides:"
                + " the Hodges-Lehmann shift of B's samples from A's with its 99% interval, the Mann-Whitney test,"
                + " and a noise threshold (the larger robust relative noise of the two, at least 0.5%). FASTER and"
                + " SLOWER say what B is.</p>");
        Comparer comparer = Comparer.defaults();
        boolean any = false;
        for (Board b : board.boards()) {
            List<Row> top = BoardSection.top(b, LEADERS);
            if (top.size() < 2) {
                continue;
            }
            any = true;
            sb.append("<h3>").append(Html.text(BoardSection.capital(b.title()))).append(BoardSection.badge(b.basis()))
                    .append("</h3><div class=\"scroll\"><table class=\"comparisons\" data-board=\"")
                    .append(b.basis().jsonName()).append("\"><thead><tr><th>A</th><th>B</th>");
            if (b.basis().timed()) {
                sb.append("<th>decision</th><th class=\"num\">shift</th><th class=\"num\">99% CI</th>"
                        + "<th class=\"num\">p</th><th class=\"num\">threshold</th><th>why</th>");
            } else {
                sb.append("<th class=\"num\">traffic B/A</th><th class=\"num\">instructions B/A</th><th>meaning</th>");
            }
            sb.append("</tr></thead><tbody>");
            for (Row other : top.subList(1, top.size())) {
                row(sb, comparer.compare(top.get(0).entry(), other.entry()));
            }
            sb.append("</tbody></table></div>");
        }
        if (!any) {
            sb.append("<p class=\"empty\">No board has two entries to compare yet.</p>");
        }
        sb.append("</section>");
    }

    private static void row(StringBuilder sb, Comparison c) {
        sb.append("<tr class=\"comparison\"><td class=\"path\">").append(Html.path(c.a().describe()))
                .append("</td><td class=\"path\">").append(Html.path(c.b().describe())).append("</td>");
        switch (c.kind()) {
            case REFUSED -> sb.append("<td class=\"decision REFUSED\">not compared</td>")
                    .append("<td class=\"why\" colspan=\"5\">").append(Html.text(c.refusal())).append("</td>");
            case WORK -> sb.append("<td class=\"num\">").append(Html.num(c.trafficRatio(), "%.3f&times;"))
                    .append("</td><td class=\"num\">").append(Html.num(c.instructionRatio(), "%.3f&times;"))
                    .append("</td><td class=\"why\">").append(Html.text(c.reason())).append("</td>");
            case TIMED -> sb.append("<td class=\"decision ").append(c.decision()).append("\">").append(c.decision())
                    .append("</td><td class=\"num\">").append(Html.signedPercent(c.relativeShift()))
                    .append("</td><td class=\"num\">").append(Html.signedPercent(c.relativeLow())).append(" .. ")
                    .append(Html.signedPercent(c.relativeHigh())).append("</td><td class=\"num\">")
                    .append(Html.num(c.pValue(), "%.3g")).append("</td><td class=\"num\">")
                    .append(c.threshold() == null ? "&ndash;" : Html.num(100 * c.threshold(), "%.2f%%"))
                    .append("</td><td class=\"why\">").append(Html.text(c.reason())).append("</td>");
            default -> throw new IllegalStateException(c.kind().toString());
        }
        sb.append("</tr>");
    }

    static void sources(StringBuilder sb, Leaderboard board, Function<String, Optional<String>> sourceOf) {
        Map<String, ScoreEntry> leaders = new LinkedHashMap<>();
        for (Board b : board.boards()) {
            for (Row r : BoardSection.top(b, 3)) {
                if (r.entry().sourceSha256() != null) {
                    leaders.putIfAbsent(r.entry().sourceSha256(), r.entry());
                }
            }
        }
        sb.append("<section id=\"sources\"><h2>Kernel sources of the leaders</h2><p class=\"caption\">As stored"
                + " beside the log by content hash, and checked against that hash when read.</p>");
        if (leaders.isEmpty()) {
            sb.append("<p class=\"empty\">No leading entry records a stored source (entries logged before sources"
                    + " were kept).</p>");
        }
        leaders.forEach((hash, e) -> {
            Optional<String> text = sourceOf.apply(hash);
            sb.append("<details class=\"source\"><summary><code>").append(Html.text(e.kernel())).append("</code> (#")
                    .append(e.seq()).append(", SHA-256 <code>").append(hash, 0, 16).append("&hellip;</code>)")
                    .append(text.isPresent() ? "" : " &mdash; <strong>not in the store</strong>").append("</summary>");
            text.ifPresent(t -> sb.append("<pre>").append(Html.text(t)).append("</pre>"));
            sb.append("</details>");
        });
        sb.append("</section>");
    }
}
