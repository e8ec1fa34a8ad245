package dev.scanbench.report.board;

import dev.scanbench.report.entry.Basis;
import java.util.List;

/**
 * The rows of one basis: GPU times, simulated times, or the emulator's counted work. Boards of different bases are
 * never merged: a simulated time or a count is never ranked against a GPU time.
 *
 * @param basis  what the rows' results are
 * @param ranked whether the rows carry ranks (timed boards); the emulator's rows are ordered by traffic per element
 *               but not ranked, since counted work is not a time
 * @param rows   best first
 */
public record Board(Basis basis, boolean ranked, List<Row> rows) {
    public Board {
        rows = List.copyOf(rows);
    }

    /** @return a heading, e.g. {@code "GPU times"} */
    public String title() {
        return basis.words();
    }
}
