package dev.scanbench.report.format;

import dev.scanbench.report.board.GroupBy;
import dev.scanbench.report.board.Row;
import dev.scanbench.report.entry.Basis;
import dev.scanbench.report.entry.ScoreEntry;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The columns each kind of board shows. GPU rows carry the score, y_n and the standing against the best human and
 * agent; simulated rows carry their times but no standing (a simulated time is not measured against a GPU's); the
 * emulator's rows carry counted work and no time at all.
 */
final class Columns {
    /** Dates as tables show them: UTC to the minute. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    private Columns() {
    }

    /**
     * @return the columns of a board on {@code basis}: the group's column first ({@code by}; null for a list that
     *         is not grouped, such as the practice runs), then the other one; {@code ranked} adds the rank
     */
    static List<Column> of(Basis basis, boolean ranked, GroupBy by) {
        List<Column> c = new ArrayList<>();
        if (ranked) {
            c.add(new Column("rank", "rank", Row::rank, null, true));
        }
        if (by == null) {
            // An ungrouped list (the practice runs) mixes bases: say each row's.
            c.add(entry("basis", "basis", e -> e.basis().jsonName()));
        }
        if (by == GroupBy.LABEL) {
            c.add(new Column("label", "label", Row::group, null, false));
            c.add(entry("kernel", "kernel", ScoreEntry::kernel));
        } else {
            c.add(entry("kernel", "kernel", ScoreEntry::kernel));
            c.add(entry("label", "label", ScoreEntry::label));
        }
        if (basis.timed()) {
            c.add(entry("time ms", "time_ms", e -> e.timing().medianMs(), "%.4f"));
            c.add(entry("CI low", "ci_low_ms", e -> e.timing().ciLowMs(), "%.4f"));
            c.add(entry("CI high", "ci_high_ms", e -> e.timing().ciHighMs(), "%.4f"));
            c.add(entry("samples", "samples", e -> e.timing().sampleCount(), "%.0f"));
        }
        if (basis == Basis.GPU) {
            c.add(entry("ln(ms)", "score", ScoreEntry::score, "%.4f"));
            c.add(entry("y_n", "normalised", ScoreEntry::normalised, "%.3f"));
            c.add(entry("vs human", "speedup_vs_best_human", ScoreEntry::speedupVsBestHuman, "%.3fx"));
            c.add(entry("vs agent", "speedup_vs_best_agent", ScoreEntry::speedupVsBestAgent, "%.3fx"));
        }
        if (basis == Basis.EMULATOR) {
            c.add(entry("bytes/elem", "bytes_per_element", e -> e.work().bytesPerElement(), "%.3f"));
            c.add(entry("warp instr", "warp_instructions", e -> e.work().warpInstructions(), "%.0f"));
            c.add(entry("launches", "launches", e -> e.work().launches(), "%.0f"));
        }
        c.add(entry("n", "n", ScoreEntry::n, "%.0f"));
        c.add(entry("device", "device", ScoreEntry::deviceKey));
        c.add(entry("date", "date", e -> DATE.format(e.time())));
        c.add(entry("entry", "seq", ScoreEntry::seq, "%.0f"));
        c.add(entry("hash", "hash", ScoreEntry::hash));
        return c;
    }

    /** Every column any board has, in one order: the CSV's header. */
    static List<Column> union() {
        List<Column> all = new ArrayList<>();
        List<List<Column>> lists = new ArrayList<>();
        for (Basis basis : Basis.values()) {
            lists.add(of(basis, true, GroupBy.KERNEL));
        }
        lists.add(of(Basis.SIMULATED, false, null));
        for (List<Column> list : lists) {
            for (Column column : list) {
                if (all.stream().noneMatch(x -> x.key().equals(column.key()))) {
                    all.add(column);
                }
            }
        }
        return all;
    }

    private static Column entry(String heading, String key, Function<ScoreEntry, Object> f) {
        return entry(heading, key, f, null);
    }

    private static Column entry(String heading, String key, Function<ScoreEntry, Object> f, String pattern) {
        return new Column(heading, key, r -> f.apply(r.entry()), pattern, pattern != null);
    }
}
