package dev.scanbench.report.format;

import dev.scanbench.report.board.Board;
import dev.scanbench.report.board.Leaderboard;
import dev.scanbench.report.board.Row;
import dev.scanbench.report.entry.Basis;
import dev.scanbench.report.entry.ScoreEntry;
import java.util.ArrayList;
import java.util.List;

/** The leaderboard as GitHub-flavoured markdown: a heading and a table per basis that has rows. */
final class MarkdownFormat implements LeaderboardFormat {

    @Override
    public String render(Leaderboard board, String source) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Leaderboard: best entry per ").append(board.groupBy().cliName()).append("\n\n")
                .append(board.total()).append(" scoring entries in `").append(source).append("` (")
                .append(board.failed()).append(" failed).\n");
        for (Board b : board.boards()) {
            if (!b.rows().isEmpty()) {
                sb.append("\n## ").append(b.title()).append(b.ranked() ? "" : " (not ranked)").append("\n\n");
                table(sb, Columns.of(b.basis(), b.ranked(), board.groupBy()), b.rows());
            }
        }
        if (!board.practice().isEmpty()) {
            sb.append("\n## Practice runs (never ranked)\n\n");
            List<Row> rows = new ArrayList<>();
            for (ScoreEntry e : board.practice()) {
                rows.add(new Row(null, e.kernel(), e, 1));
            }
            table(sb, Columns.of(Basis.SIMULATED, false, null), rows);
        }
        return sb.toString();
    }

    private static void table(StringBuilder sb, List<Column> columns, List<Row> rows) {
        sb.append('|');
        columns.forEach(c -> sb.append(' ').append(c.heading()).append(" |"));
        sb.append("\n|");
        columns.forEach(c -> sb.append(c.numeric() ? "---:|" : "---|"));
        sb.append('\n');
        for (Row r : rows) {
            sb.append('|');
            columns.forEach(c -> sb.append(' ').append(escape(c.text(r))).append(" |"));
            sb.append('\n');
        }
    }

    /** Pipes and backticks would break a cell; line breaks a row. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`").replace("\n", " ");
    }
}
