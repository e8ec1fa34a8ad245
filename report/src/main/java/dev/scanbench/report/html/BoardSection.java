package dev.scanbench.report.html;

import dev.scanbench.report.board.Board;
import dev.scanbench.report.board.GroupBy;
import dev.scanbench.report.board.Leaderboard;
import dev.scanbench.report.board.Row;
import dev.scanbench.report.entry.Basis;
import dev.scanbench.report.entry.ScoreEntry;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The leaderboard tables: per basis, best per kernel and best per label, and the practice runs. */
final class BoardSection {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private BoardSection() {
    }

    static void render(StringBuilder sb, Leaderboard byKernel, Leaderboard byLabel) {
        sb.append("<section id=\"leaderboard\"><h2>Leaderboard</h2><p class=\"caption\">The best passing entry per"
                + " kernel and per label. GPU times, simulated times and the emulator's counted work are kept apart"
                + " and never ranked against each other; practice runs are listed, never ranked. Time is the median"
                + " of the samples, with its confidence interval; y<sub>n</sub> = (ln 4.76 &minus; ln t) / (ln 4.76"
                + " &minus; ln 1.6).</p>");
        for (Basis basis : Basis.values()) {
            Board k = byKernel.board(basis);
            sb.append("<h3 id=\"board-").append(basis.jsonName()).append("\">").append(Html.text(capital(
                    basis.words()))).append(badge(basis)).append("</h3>");
            if (k.rows().isEmpty()) {
                sb.append("<p class=\"empty\" data-board=\"").append(basis.jsonName()).append("\">").append(
                        empty(basis)).append("</p>");
                continue;
            }
            table(sb, k, GroupBy.KERNEL);
            table(sb, byLabel.board(basis), GroupBy.LABEL);
        }
        if (!byKernel.practice().isEmpty()) {
            sb.append("<h3 id=\"board-practice\">Practice runs <span class=\"badge practice\">never ranked</span>"
                    + "</h3><div class=\"scroll\"><table class=\"practice\"><thead><tr><th>entry</th><th>kernel</th>"
                    + "<th>label</th><th class=\"num\">time ms</th><th class=\"num\">n</th><th>device</th>"
                    + "<th>date</th></tr></thead><tbody>");
            for (ScoreEntry e : byKernel.practice()) {
                sb.append("<tr class=\"practice-row ").append(e.basis().jsonName()).append("\"><td>#").append(e.seq())
                        .append("</td><td class=\"path\">").append(Html.path(e.kernel())).append("</td><td>")
                        .append(Html.text(e.label())).append("</td><td class=\"num\">")
                        .append(Html.num(e.timing().medianMs(), "%.4f")).append(e.basis() == Basis.SIMULATED
                        ? " (simulated)" : "").append("</td><td class=\"num\">").append(e.n()).append("</td><td>")
                        .append(Html.text(e.deviceKey())).append("</td><td class=\"date\">")
                        .append(DATE.format(e.time())).append("</td></tr>");
            }
            sb.append("</tbody></table></div>");
        }
        sb.append("</section>");
    }

    static String badge(Basis basis) {
        return switch (basis) {
            case GPU -> "<span class=\"badge gpu\">GPU</span>";
            case SIMULATED -> "<span class=\"badge simulated\">SIMULATED: not GPU times</span>";
            case EMULATOR -> "<span class=\"badge emulator\">EMULATOR: counted work, no time</span>";
        };
    }

    private static String empty(Basis basis) {
        return switch (basis) {
            case GPU -> "No GPU-timed entries in this log. The emulator verifies and counts work; it never times,"
                    + " so only a score on a real GPU fills this table.";
            case SIMULATED -> "No simulated entries in this log.";
            case EMULATOR -> "No emulator entries in this log.";
        };
    }

    private static void table(StringBuilder sb, Board board, GroupBy by) {
        Basis basis = board.basis();
        sb.append("<div class=\"scroll\"><table class=\"leaderboard\" data-board=\"").append(basis.jsonName())
                .append("\" data-group=\"").append(by.cliName()).append("\"><caption class=\"caption\">best per ")
                .append(by.cliName()).append("</caption><thead><tr>");
        if (board.ranked()) {
            sb.append("<th class=\"num\">rank</th>");
        }
        sb.append("<th>").append(by.cliName()).append("</th>");
        sb.append(by == GroupBy.KERNEL ? "<th>label</th>" : "<th>kernel</th>");
        if (basis.timed()) {
            sb.append("<th class=\"num\">time ms</th><th class=\"num\">CI ms</th><th class=\"num\">samples</th>");
        }
        if (basis == Basis.GPU) {
            sb.append("<th class=\"num\">ln(ms)</th><th class=\"num\">y<sub>n</sub></th><th class=\"num\">vs best"
                    + " human</th><th class=\"num\">vs best agent</th>");
        }
        if (basis == Basis.EMULATOR) {
            sb.append("<th class=\"num\">bytes / element</th><th class=\"num\">warp instructions</th>"
                    + "<th class=\"num\">launches</th>");
        }
        sb.append("<th class=\"num\">n</th><th>device</th><th>date (UTC)</th><th class=\"num\">runs</th><th>entry"
                + "</th></tr></thead><tbody>");
        for (Row r : board.rows()) {
            row(sb, board, by, r);
        }
        sb.append("</tbody></table></div>");
    }

    private static void row(StringBuilder sb, Board board, GroupBy by, Row r) {
        ScoreEntry e = r.entry();
        Basis basis = board.basis();
        sb.append("<tr class=\"lb-row ").append(basis.jsonName()).append("\" data-seq=\"").append(e.seq())
                .append("\">");
        if (board.ranked()) {
            sb.append("<td class=\"num\">").append(r.rank()).append("</td>");
        }
        if (by == GroupBy.KERNEL) {
            sb.append("<td class=\"path\">").append(Html.path(r.group())).append("</td><td>")
                    .append(Html.text(e.label())).append("</td>");
        } else {
            sb.append("<td>").append(Html.text(r.group())).append("</td><td class=\"path\">")
                    .append(Html.path(e.kernel())).append("</td>");
        }
        if (basis.timed()) {
            sb.append("<td class=\"num\">").append(Html.num(e.timing().medianMs(), "%.4f")).append("</td>")
                    .append("<td class=\"num\">").append(Html.num(e.timing().ciLowMs(), "%.4f")).append(" &ndash; ")
                    .append(Html.num(e.timing().ciHighMs(), "%.4f")).append("</td><td class=\"num\">")
                    .append(e.timing().sampleCount()).append("</td>");
        }
        if (basis == Basis.GPU) {
            sb.append("<td class=\"num\">").append(Html.num(e.score(), "%.4f")).append("</td><td class=\"num\">")
                    .append(Html.num(e.normalised(), "%.3f")).append("</td><td class=\"num\">")
                    .append(Html.num(e.speedupVsBestHuman(), "%.3f&times;")).append("</td><td class=\"num\">")
                    .append(Html.num(e.speedupVsBestAgent(), "%.3f&times;")).append("</td>");
        }
        if (basis == Basis.EMULATOR) {
            sb.append("<td class=\"num\">").append(Html.num(e.work().bytesPerElement(), "%.3f"))
                    .append("</td><td class=\"num\">").append(String.format(java.util.Locale.ROOT, "%,d", e.work().warpInstructions()))
                    .append("</td><td class=\"num\">").append(e.work().launches()).append("</td>");
        }
        sb.append("<td class=\"num\">").append(String.format(java.util.Locale.ROOT, "%,d", e.n())).append(e.practice() ? " (practice)" : "")
                .append("</td><td>").append(Html.text(e.deviceKey())).append("</td><td class=\"date\">")
                .append(DATE.format(e.time())).append("</td><td class=\"num\">").append(r.runs()).append("</td><td><code title=\"").append(e.hash())
                .append("\">#").append(e.seq()).append(' ').append(e.hash(), 0, 8).append("</code></td></tr>");
    }

    static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static List<Row> top(Board board, int count) {
        return board.rows().subList(0, Math.min(count, board.rows().size()));
    }
}
