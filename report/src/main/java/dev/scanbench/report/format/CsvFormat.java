package dev.scanbench.report.format;

import dev.scanbench.report.board.Board;
import dev.scanbench.report.board.Leaderboard;
import dev.scanbench.report.board.Row;
import dev.scanbench.report.entry.Basis;
import dev.scanbench.report.entry.ScoreEntry;
import java.util.List;

/**
 * The leaderboard as one RFC 4180 CSV table: a {@code board} column ({@code gpu}, {@code simulated}, {@code emulator},
 * {@code practice}) and every column any board has; a column a board lacks is empty. Numbers are printed in full
 * (no rounding), so a spreadsheet gets what the log holds.
 */
final class CsvFormat implements LeaderboardFormat {

    @Override
    public String render(Leaderboard board, String source) {
        List<Column> columns = Columns.union();
        StringBuilder sb = new StringBuilder("board");
        columns.forEach(c -> sb.append(',').append(c.key()));
        sb.append("\r\n");
        for (Board b : board.boards()) {
            for (Row r : b.rows()) {
                line(sb, b.basis().jsonName(), columns, r, Columns.of(b.basis(), b.ranked(), board.groupBy()));
            }
        }
        for (ScoreEntry e : board.practice()) {
            line(sb, "practice", columns, new Row(null, e.kernel(), e, 1), Columns.of(Basis.SIMULATED, false, null));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, List<Column> all, Row row, List<Column> own) {
        sb.append(name);
        for (Column c : all) {
            sb.append(',');
            if (own.stream().anyMatch(x -> x.key().equals(c.key()))) {
                Object v = c.value().apply(row);
                sb.append(v == null ? "" : quote(v.toString()));
            }
        }
        sb.append("\r\n");
    }

    /** Quotes a field that holds a comma, quote or line break, doubling its quotes. */
    static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
