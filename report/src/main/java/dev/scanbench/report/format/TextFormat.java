package dev.scanbench.report.format;

import dev.scanbench.report.board.Board;
import dev.scanbench.report.board.Leaderboard;
import dev.scanbench.report.board.Row;
import dev.scanbench.report.entry.Basis;
import dev.scanbench.report.entry.ScoreEntry;
import java.util.ArrayList;
import java.util.List;

/** The leaderboard for a terminal: one aligned table per basis that has rows, then the practice runs. */
final class TextFormat implements LeaderboardFormat {

    @Override
    public String render(Leaderboard board, String source) {
        StringBuilder sb = new StringBuilder();
        sb.append("leaderboard of ").append(source).append(": best entry per ").append(board.groupBy().cliName())
                .append(", ").append(board.total()).append(" scoring entries (").append(board.failed())
                .append(" failed)\n");
        boolean any = false;
        for (Board b : board.boards()) {
            if (b.rows().isEmpty()) {
                continue;
            }
            any = true;
            sb.append('\n').append(b.title()).append(b.ranked() ? "" : " (not ranked)").append('\n');
            table(sb, Columns.of(b.basis(), b.ranked(), board.groupBy()), b.rows());
        }
        if (!board.practice().isEmpty()) {
            sb.append("\npractice runs (never ranked)\n");
            List<Row> rows = new ArrayList<>();
            for (ScoreEntry e : board.practice()) {
                rows.add(new Row(null, e.kernel(), e, 1));
            }
            table(sb, Columns.of(Basis.SIMULATED, false, null), rows);
        }
        if (!any && board.practice().isEmpty()) {
            sb.append("\nno passing entries yet\n");
        }
        return sb.toString();
    }

    private static void table(StringBuilder sb, List<Column> columns, List<Row> rows) {
        int[] width = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            width[i] = columns.get(i).heading().length();
            for (Row r : rows) {
                width[i] = Math.max(width[i], columns.get(i).text(r).length());
            }
        }
        line(sb, width, i -> columns.get(i).heading());
        for (Row r : rows) {
            line(sb, width, i -> columns.get(i).text(r));
        }
    }

    private static void line(StringBuilder sb, int[] width, java.util.function.IntFunction<String> cell) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            String v = cell.apply(i);
            l.append(v).append(" ".repeat(width[i] - v.length() + 2));
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
