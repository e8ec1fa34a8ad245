package dev.scanbench.report.board;

import dev.scanbench.report.entry.Basis;
import dev.scanbench.report.entry.ScoreEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The best entry per kernel (or per label) on each basis. An entry is eligible when its run passed; on a timed
 * basis it must also have a time and not be a practice run ({@code practice: true}, which is listed apart and never
 * ranked). The best is the lowest median time (timed bases) or the least global traffic per element, then the fewest
 * warp instructions (the emulator); ties go to the earlier entry.
 *
 * @param groupBy  what each row stands for
 * @param boards   one per basis, always in the order GPU, simulated, emulator (possibly empty)
 * @param practice passing timed practice runs, in log order: shown, never ranked
 * @param total    scoring entries read
 * @param failed   scoring entries whose run did not pass (wrong answer, rejected, timed out, ...)
 */
public record Leaderboard(GroupBy groupBy, List<Board> boards, List<ScoreEntry> practice, int total, int failed) {

    /** Orders timed entries: lower median first, then earlier. */
    public static final Comparator<ScoreEntry> BY_TIME = Comparator
            .<ScoreEntry>comparingDouble(e -> e.timeMs().orElse(Double.POSITIVE_INFINITY))
            .thenComparingLong(ScoreEntry::seq);

    /** Orders emulator entries: less traffic per element, then fewer warp instructions, then earlier. */
    public static final Comparator<ScoreEntry> BY_WORK = Comparator
            .<ScoreEntry>comparingDouble(e -> e.work().bytesPerElement())
            .thenComparingLong(e -> e.work().warpInstructions())
            .thenComparingLong(ScoreEntry::seq);

    public Leaderboard {
        boards = List.copyOf(boards);
        practice = List.copyOf(practice);
    }

    /** Builds the boards from scoring entries (any order; ties are broken by seq). */
    public static Leaderboard of(List<ScoreEntry> entries, GroupBy groupBy) {
        Map<Basis, List<ScoreEntry>> eligible = new EnumMap<>(Basis.class);
        List<ScoreEntry> practice = new ArrayList<>();
        int failed = 0;
        for (ScoreEntry e : entries) {
            if (!e.ok()) {
                failed++;
            } else if (e.basis().timed() && e.timeMs().isPresent()) {
                (e.practice() ? practice : eligible.computeIfAbsent(e.basis(), b -> new ArrayList<>())).add(e);
            } else if (e.basis() == Basis.EMULATOR && e.work() != null) {
                eligible.computeIfAbsent(Basis.EMULATOR, b -> new ArrayList<>()).add(e);
            }
        }
        List<Board> boards = new ArrayList<>();
        for (Basis basis : Basis.values()) {
            boards.add(board(basis, eligible.getOrDefault(basis, List.of()), groupBy));
        }
        practice.sort(Comparator.comparingLong(ScoreEntry::seq));
        return new Leaderboard(groupBy, boards, practice, entries.size(), failed);
    }

    /** @return the board of {@code basis} */
    public Board board(Basis basis) {
        return boards.stream().filter(b -> b.basis() == basis).findFirst().orElseThrow();
    }

    /** @return the best row of the first non-empty board, GPU first */
    public Optional<Row> leader() {
        return boards.stream().filter(b -> !b.rows().isEmpty()).map(b -> b.rows().get(0)).findFirst();
    }

    private static Board board(Basis basis, List<ScoreEntry> entries, GroupBy groupBy) {
        Comparator<ScoreEntry> order = basis.timed() ? BY_TIME : BY_WORK;
        Map<String, ScoreEntry> best = new LinkedHashMap<>();
        Map<String, Integer> runs = new LinkedHashMap<>();
        for (ScoreEntry e : entries) {
            String group = groupBy.groupOf(e);
            runs.merge(group, 1, Integer::sum);
            best.merge(group, e, (x, y) -> order.compare(x, y) <= 0 ? x : y);
        }
        List<ScoreEntry> sorted = new ArrayList<>(best.values());
        sorted.sort(order);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            ScoreEntry e = sorted.get(i);
            String group = groupBy.groupOf(e);
            rows.add(new Row(basis.timed() ? i + 1 : null, group, e, runs.get(group)));
        }
        return new Board(basis, basis.timed(), rows);
    }
}
